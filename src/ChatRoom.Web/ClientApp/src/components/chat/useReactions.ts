import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ErrorCodes } from '../../api/errorCodes.ts';
import { ApiError, describeError } from '../../api/problems.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import { addReaction, fetchReactionEmoji, removeReaction } from '../../api/reactions.ts';
import type { MessageDto } from '../../realtime/contracts.ts';

/** The emoji people may react with; read once the picker first opens, then kept (they change with a deploy at most). */
export function useReactionEmoji(enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.reactionEmoji,
    queryFn: ({ signal }) => fetchReactionEmoji({ signal }),
    enabled,
    staleTime: Infinity,
  });
}

/**
 * Adding and taking back the user's reactions to one message. Not optimistic: the answer is the message as the server
 * now has it, handed to the room's state as its MessageUpdated event would be (whichever arrives first wins by
 * changeSeq).
 */
export function useReactionToggle(message: MessageDto, onChanged: (message: MessageDto) => void) {
  const queryClient = useQueryClient();
  const toggle = useMutation({
    mutationFn: ({ emoji, add }: { emoji: string; add: boolean }) =>
      add ? addReaction(message.id, emoji) : removeReaction(message.id, emoji),
    onSuccess: onChanged,
    onError: (error) => {
      // The offered emoji changed since the list was read: read it again so the picker offers what the server takes.
      if (error instanceof ApiError && error.code === ErrorCodes.reactionUnknown) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.reactionEmoji });
      }
    },
  });
  return {
    busy: toggle.isPending,
    error: toggle.error === null ? null : reactionErrorText(toggle.error),
    react: (emoji: string, add: boolean) => {
      toggle.mutate({ emoji, add });
    },
  };
}

/** The limit's wait in words of its own; any other refusal as the server words it. */
export function reactionErrorText(error: unknown): string {
  if (error instanceof ApiError && error.code === ErrorCodes.reactionRateLimited) {
    return error.retryAfter === null ? 'Slow down: you can react again shortly.' : `Slow down: you can react again in ${String(error.retryAfter)} s.`;
  }
  if (error instanceof ApiError && error.code === ErrorCodes.reactionUnknown) return 'That reaction is no longer offered. Pick another one.';
  return `Could not react: ${describeError(error)}`;
}
