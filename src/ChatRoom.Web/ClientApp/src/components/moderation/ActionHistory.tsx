import { useState, type SubmitEvent } from 'react';
import { listActions } from '../../api/moderation.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import { nameOf } from '../../realtime/contracts.ts';
import { ErrorAlert, TextField } from '../Field.tsx';
import { usePagedList } from '../usePagedList.ts';
import { KIND_LABELS } from './ActionForm.tsx';

export const ACTIONS_PAGE_SIZE = 25;
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Past actions, newest first: everyone's, or one user's. A new action invalidates it (ActionForm). */
export function ActionHistory({ userId, onUserChange }: { userId: string; onUserChange: (id: string) => void }) {
  const [draft, setDraft] = useState(userId);
  const [shown, setShown] = useState(userId);
  // A new filter from outside (an action just taken, "Act on" a report) replaces what was typed.
  if (shown !== userId) {
    setShown(userId);
    setDraft(userId);
  }
  const list = usePagedList(queryKeys.moderationActions.list(userId), (cursor, signal) =>
    listActions(userId, cursor, ACTIONS_PAGE_SIZE, { signal }),
  );

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    onUserChange(draft.trim());
  }

  return (
    <>
      <form className="card filters" onSubmit={submit}>
        <TextField
          label="Only for user id"
          hint="Empty for everyone."
          spellCheck={false}
          autoComplete="off"
          value={draft}
          onChange={(e) => {
            setDraft(e.target.value);
          }}
        />
        <div className="filter-actions">
          <button type="submit" className="secondary">
            Show history
          </button>
        </div>
      </form>
      <p role="status" className="status-line">
        {list.loading ? 'Loading actions…' : list.items?.length === 0 ? 'No moderation actions yet.' : ''}
      </p>
      <ErrorAlert message={list.error === null ? null : `Could not load the actions: ${list.error}`} />
      {list.items && list.items.length > 0 && (
        <div className="table-scroll" role="region" aria-label="Moderation actions" tabIndex={0}>
          <table className="data-table">
            <caption className="visually-hidden">Moderation actions, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Action</th>
                <th scope="col">User</th>
                <th scope="col">By</th>
                <th scope="col">Reason</th>
                <th scope="col">Until</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((action) => (
                <tr key={action.id}>
                  <td>
                    <time dateTime={action.createdAt}>{dateTime.format(new Date(action.createdAt))}</time>
                  </td>
                  <th scope="row">{KIND_LABELS[action.kind]}</th>
                  <td>{nameOf(action.targetUser)}</td>
                  <td>{action.moderator ? nameOf(action.moderator) : <span className="muted">system</span>}</td>
                  <td className="cell-text">{action.reason ?? <span className="muted">—</span>}</td>
                  <td>
                    {action.liftedAt !== null ? (
                      <span className="muted">lifted {dateTime.format(new Date(action.liftedAt))}</span>
                    ) : action.expiresAt !== null ? (
                      <time dateTime={action.expiresAt}>{dateTime.format(new Date(action.expiresAt))}</time>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.hasMore && (
        <button type="button" className="load-more secondary" aria-busy={list.loading} onClick={() => void list.loadMore()}>
          Load more actions
        </button>
      )}
    </>
  );
}
