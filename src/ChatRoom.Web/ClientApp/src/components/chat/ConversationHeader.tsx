import { useMutation, useQueryClient } from '@tanstack/react-query';
import { leaveConversation, type Conversation } from '../../api/conversations.ts';
import { describeError } from '../../api/problems.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import { conversationTitle } from '../conversations/conversationTitle.ts';
import { MuteToggle } from '../notifications/MuteToggle.tsx';
import { PageHeading } from '../PageHeading.tsx';

/**
 * A conversation's heading: the other members' names (none of a lounge room's language, topic or rules). A group can
 * be left; a conversation of two cannot (the Api refuses; blocking is the way out of one).
 */
export function ConversationHeader({
  conversationId,
  conversation,
  meId,
  onLeft,
}: {
  conversationId: string;
  /** Undefined while it loads (or when it could not be read: the join says why). */
  conversation: Conversation | undefined;
  meId: string | null;
  onLeft: () => void;
}) {
  const queryClient = useQueryClient();
  const leave = useMutation({
    mutationFn: () => leaveConversation(conversationId),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: queryKeys.conversations.one(conversationId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversations.list });
      onLeft();
    },
  });

  return (
    <header className="chat-header">
      <PageHeading>{conversation ? conversationTitle(conversation.members, meId) : 'Conversation'}</PageHeading>
      <div className="chat-room-meta">
        <MuteToggle roomId={conversationId} />
      </div>
      {conversation?.isGroup && (
        <div className="chat-room-meta">
          <span className="badge">Group</span>
          <span>{conversation.members.length} members, you included</span>
          <button
            type="button"
            className="secondary"
            disabled={leave.isPending}
            onClick={() => {
              if (window.confirm('Leave this conversation? You will no longer see its messages.')) leave.mutate();
            }}
          >
            Leave conversation
          </button>
        </div>
      )}
      {leave.isError && (
        <p role="alert" className="notice notice-error">
          Could not leave the conversation: {describeError(leave.error)}
        </p>
      )}
    </header>
  );
}
