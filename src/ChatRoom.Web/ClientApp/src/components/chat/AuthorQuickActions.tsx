import { useMutation, useQueryClient } from '@tanstack/react-query';
import { describeError } from '../../api/problems.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import { takeAction } from '../../api/moderation.ts';
import { nameOf, type UserSummary } from '../../realtime/contracts.ts';

export const QUICK_MUTE_MINUTES = 10;

export interface QuickActionEvents {
  onDone: (message: string) => void;
  onError: (message: string) => void;
}

/** A moderator's one-click mute and kick for a message's author (never offered against an admin). */
export function AuthorQuickActions({ author, roomId, events }: { author: UserSummary; roomId: string; events: QuickActionEvents }) {
  const queryClient = useQueryClient();
  const name = nameOf(author);

  const action = useMutation({
    mutationFn: (kind: 'Mute' | 'Kick') =>
      takeAction(
        kind === 'Mute'
          ? { kind, userId: author.id, durationMinutes: QUICK_MUTE_MINUTES }
          : { kind, userId: author.id, roomId },
      ),
    onSuccess: (_, kind) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.moderationActions.all });
      events.onDone(kind === 'Mute' ? `${name} is muted for ${String(QUICK_MUTE_MINUTES)} minutes.` : `${name} was kicked from this room.`);
    },
    onError: (error, kind) => {
      events.onError(`Could not ${kind === 'Mute' ? 'mute' : 'kick'} ${name}: ${describeError(error)}`);
    },
  });

  function act(kind: 'Mute' | 'Kick') {
    const question =
      kind === 'Mute' ? `Mute ${name} for ${String(QUICK_MUTE_MINUTES)} minutes?` : `Kick ${name} from this room?`;
    if (window.confirm(question)) action.mutate(kind);
  }

  return (
    <>
      <button
        type="button"
        className="link-button"
        aria-label={`Mute ${name} for ${String(QUICK_MUTE_MINUTES)} minutes`}
        onClick={() => {
          act('Mute');
        }}
      >
        Mute {QUICK_MUTE_MINUTES} min
      </button>
      <button type="button" className="link-button" aria-label={`Kick ${name} from this room`} onClick={() => {
          act('Kick');
        }}>
        Kick
      </button>
    </>
  );
}
