import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchMutes, muteRoom, unmuteRoom } from '../../api/notifications.ts';
import { describeError } from '../../api/problems.ts';
import { queryKeys } from '../../api/queryKeys.ts';

/** The rooms the user muted, and muting or unmuting one (the answer is written into the list, then read again). */
export function useRoomMute(roomId: string) {
  const queryClient = useQueryClient();
  const mutes = useQuery({ queryKey: queryKeys.mutes, queryFn: ({ signal }) => fetchMutes({ signal }) });
  const toggle = useMutation({
    mutationFn: (mute: boolean) => (mute ? muteRoom(roomId) : unmuteRoom(roomId)),
    onSuccess: (_, mute) => {
      queryClient.setQueryData<string[]>(queryKeys.mutes, (ids = []) => (mute ? [...ids.filter((id) => id !== roomId), roomId] : ids.filter((id) => id !== roomId)));
      return queryClient.invalidateQueries({ queryKey: queryKeys.mutes });
    },
  });
  return { known: mutes.data !== undefined, muted: mutes.data?.includes(roomId) ?? false, toggle };
}

/**
 * In a room's or conversation's header: its messages still arrive, only notifications stop. The label says the
 * action (not aria-pressed as well: a changing name and a pressed state together would contradict each other).
 */
export function MuteToggle({ roomId }: { roomId: string }) {
  const { known, muted, toggle } = useRoomMute(roomId);
  // Until the list arrives the state is unknown: a pressed state then could be a lie.
  if (!known) return null;
  return (
    <>
      <button
        type="button"
        className="secondary"
        disabled={toggle.isPending}
        onClick={() => {
          toggle.mutate(!muted);
        }}
      >
        {muted ? 'Unmute notifications' : 'Mute notifications'}
      </button>
      {toggle.isError && (
        <span role="alert" className="message-error">
          Could not {muted ? 'unmute' : 'mute'}: {describeError(toggle.error)}
        </span>
      )}
    </>
  );
}
