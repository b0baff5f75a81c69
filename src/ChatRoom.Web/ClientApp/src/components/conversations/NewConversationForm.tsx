import { useRef, useState, type SubmitEvent } from 'react';
import { MAX_OTHER_MEMBERS } from '../../api/conversations.ts';
import { describeError } from '../../api/problems.ts';
import type { User } from '../../api/users.ts';
import { nameOf } from '../../realtime/contracts.ts';
import { ErrorAlert } from '../Field.tsx';
import { UserSearch } from '../UserSearch.tsx';
import { useStartConversation } from './useStartConversation.ts';

/**
 * Picks one person (a conversation of two, found again if it exists) or several (a group), then opens the
 * conversation. Yourself and guests are not offered: the Api would refuse them.
 */
export function NewConversationForm({ meId }: { meId: string }) {
  const [chosen, setChosen] = useState<User[]>([]);
  const [missing, setMissing] = useState(false);
  const start = useStartConversation();
  const form = useRef<HTMLFormElement>(null);
  const full = chosen.length >= MAX_OTHER_MEMBERS;

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (chosen.length === 0) {
      setMissing(true);
      form.current?.querySelector<HTMLElement>('[role="combobox"]')?.focus();
      return;
    }
    start.mutate(chosen.map((person) => person.id));
  }

  function remove(person: User) {
    setChosen((list) => list.filter((p) => p.id !== person.id));
    // The button pressed is gone: the keyboard goes back to the search.
    setTimeout(() => form.current?.querySelector<HTMLElement>('[role="combobox"]')?.focus());
  }

  const error = missing
    ? 'Choose at least one person to talk to.'
    : start.isError
      ? `Could not start the conversation: ${describeError(start.error)}`
      : null;
  return (
    <form ref={form} onSubmit={submit} noValidate className="stack" aria-busy={start.isPending}>
      <ErrorAlert message={error} />
      {full ? (
        <p className="muted">A conversation has at most {MAX_OTHER_MEMBERS + 1} people, you included.</p>
      ) : (
        <UserSearch
          label="Find people"
          clearOnChoose
          exclude={(user) => user.id === meId || user.role === 'Guest' || chosen.some((p) => p.id === user.id)}
          onChoose={(user) => {
            setMissing(false);
            start.reset();
            setChosen((list) => [...list, user]);
          }}
        />
      )}
      {chosen.length > 0 && (
        <ul className="chosen-people" aria-label="Chosen people">
          {chosen.map((person) => (
            <li key={person.id}>
              {nameOf(person)} <span className="muted">@{person.userName}</span>{' '}
              <button
                type="button"
                className="link-button"
                aria-label={`Remove ${nameOf(person)}`}
                onClick={() => {
                  remove(person);
                }}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <div>
        <button type="submit" disabled={start.isPending}>
          Start conversation
        </button>
      </div>
    </form>
  );
}
