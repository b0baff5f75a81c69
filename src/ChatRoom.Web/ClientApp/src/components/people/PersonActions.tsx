import { describeError } from '../../api/problems.ts';
import { nameOf, type UserSummary } from '../../realtime/contracts.ts';
import { useSession } from '../../session/SessionContext.tsx';
import type { QuickActionEvents } from '../chat/AuthorQuickActions.tsx';
import { useStartConversation } from '../conversations/useStartConversation.ts';
import { useBlockActions, useBlocks } from './useBlocks.ts';

/**
 * "Message NAME" and "Block NAME" / "Unblock NAME" where people appear in the chat (a message's author, the online
 * list). Nothing against yourself; direct messages only between registered members (the Api refuses guests on
 * either side) and not with someone you blocked.
 */
export function PersonActions({
  person,
  offerMessage = true,
  events,
}: {
  person: UserSummary;
  /** False where it would lead nowhere new, e.g. inside the conversation of two with this person. */
  offerMessage?: boolean;
  events: QuickActionEvents;
}) {
  const { state } = useSession();
  const me = state.status === 'signedIn' ? state.user : null;
  const { isBlocked } = useBlocks();
  const { block, unblock, busy } = useBlockActions();
  const start = useStartConversation();
  if (me === null || person.id === me.id) return null;

  const name = nameOf(person);
  const blocked = isBlocked(person.id);
  const canMessage = offerMessage && !blocked && me.role !== 'Guest' && person.role !== 'Guest';

  function message() {
    start.mutate([person.id], {
      onError: (error) => {
        events.onError(`Could not start a conversation with ${name}: ${describeError(error)}`);
      },
    });
  }

  function toggleBlock() {
    if (blocked) {
      unblock.mutate(person, {
        onSuccess: () => {
          events.onDone(`You unblocked ${name}: their messages show again.`);
        },
        onError: (error) => {
          events.onError(`Could not unblock ${name}: ${describeError(error)}`);
        },
      });
      return;
    }
    const question = `Block ${name}? Their messages will be hidden from you, and neither of you can send the other direct messages.`;
    if (!window.confirm(question)) return;
    block.mutate(person, {
      onSuccess: () => {
        events.onDone(`You blocked ${name}: their messages are hidden.`);
      },
      onError: (error) => {
        events.onError(`Could not block ${name}: ${describeError(error)}`);
      },
    });
  }

  return (
    <>
      {canMessage && (
        <button type="button" className="link-button" aria-label={`Message ${name}`} disabled={start.isPending} onClick={message}>
          Message
        </button>
      )}
      <button
        type="button"
        className="link-button"
        aria-label={`${blocked ? 'Unblock' : 'Block'} ${name}`}
        disabled={busy}
        onClick={toggleBlock}
      >
        {blocked ? 'Unblock' : 'Block'}
      </button>
    </>
  );
}
