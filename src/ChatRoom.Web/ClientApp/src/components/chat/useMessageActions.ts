import { useMutation } from '@tanstack/react-query';
import { deleteMessage, editMessage } from '../../api/messages.ts';
import { describeError } from '../../api/problems.ts';
import type { MessageDto } from '../../realtime/contracts.ts';

export interface MessageChanged {
  /** The server's copy after an edit made here. */
  onEdited: (message: MessageDto) => void;
  onDeleted: (message: MessageDto) => void;
}

/**
 * Editing and deleting one message over REST. The answers go to the room's live state (as the hub's own events
 * would), which keeps them whichever arrives first.
 */
export function useMessageActions(message: MessageDto, { onEdited, onDeleted }: MessageChanged) {
  const edit = useMutation({
    mutationFn: (content: string) => editMessage(message.id, content),
    onSuccess: onEdited,
  });
  const remove = useMutation({
    mutationFn: () => deleteMessage(message.id),
    onSuccess: () => {
      onDeleted(message);
    },
  });
  const failure = edit.error ?? remove.error;

  return {
    busy: edit.isPending || remove.isPending,
    /** Why the last edit or delete failed; cleared when the next one starts. */
    error: failure === null ? null : describeError(failure),
    edit: (content: string, onSaved: () => void) => {
      remove.reset();
      edit.mutate(content, { onSuccess: onSaved });
    },
    remove: () => {
      edit.reset();
      remove.mutate();
    },
    clearError: () => {
      edit.reset();
      remove.reset();
    },
  };
}
