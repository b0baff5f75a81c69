import { useEffect, useRef, useState } from 'react';
import { describeError } from '../../api/problems.ts';
import { nameOf, type UserSummary } from '../../realtime/contracts.ts';
import { useBlockActions, useBlocks } from '../people/useBlocks.ts';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** The people the member blocked, each with "Unblock" (no confirmation: nothing is lost by lifting a block). */
export function BlockedPeople() {
  const { query, blocks } = useBlocks();
  const { unblock } = useBlockActions();
  const [status, setStatus] = useState('');
  const statusLine = useRef<HTMLParagraphElement>(null);

  // The row (and the button pressed) is gone: the keyboard goes to the line that says what happened.
  useEffect(() => {
    if (status !== '') statusLine.current?.focus();
  }, [status]);

  function lift(person: UserSummary) {
    unblock.mutate(person, {
      onSuccess: () => {
        setStatus(`You unblocked ${nameOf(person)}.`);
      },
    });
  }

  return (
    <>
      <p ref={statusLine} role="status" tabIndex={-1} className="status-line">
        {status}
      </p>
      {unblock.isError && (
        <p role="alert" className="notice notice-error">
          Could not unblock: {describeError(unblock.error)}
        </p>
      )}
      {query.isError && !query.isFetching ? (
        <div role="alert" className="notice notice-error">
          <p>Could not load the people you blocked: {describeError(query.error)}</p>
          <button type="button" onClick={() => void query.refetch()}>
            Try again
          </button>
        </div>
      ) : query.isPending ? (
        <p className="muted">Loading…</p>
      ) : blocks.length === 0 ? (
        <p className="muted">
          You have not blocked anyone. Blocking someone hides their messages from you and stops direct messages between you.
        </p>
      ) : (
        <ul className="blocked-list" aria-label="Blocked people">
          {blocks.map(({ user, createdAt }) => (
            <li key={user.id}>
              <span>
                {nameOf(user)} <span className="muted">@{user.userName} · since {dateFormat.format(new Date(createdAt))}</span>
              </span>
              <button
                type="button"
                className="secondary"
                aria-label={`Unblock ${nameOf(user)}`}
                disabled={unblock.isPending}
                onClick={() => {
                  lift(user);
                }}
              >
                Unblock
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
