import { describeError } from '../api/problems.ts';
import type { User } from '../api/session.ts';
import { ConversationList } from '../components/conversations/ConversationList.tsx';
import { MembersOnlyNotice } from '../components/conversations/MembersOnlyNotice.tsx';
import { NewConversationForm } from '../components/conversations/NewConversationForm.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { useBlocks } from '../components/people/useBlocks.ts';
import { useUnreadCounts } from '../components/unread/useUnread.ts';
import { useSession } from '../session/SessionContext.tsx';
import { useConversationList } from './conversations/useConversationList.ts';

/** Direct messages: the user's conversations, live, and starting a new one. */
export function ConversationsPage() {
  const { state } = useSession();
  if (state.status !== 'signedIn') return null;
  return (
    <>
      <PageHeading>Messages</PageHeading>
      {/* Nothing to list and nothing to start: the Api refuses guests on either side. */}
      {state.user.role === 'Guest' ? <MembersOnlyNotice /> : <Conversations me={state.user} />}
    </>
  );
}

function Conversations({ me }: { me: User }) {
  const list = useConversationList();
  const { isBlocked } = useBlocks();
  const unread = useUnreadCounts();
  return (
    <>
      <section aria-labelledby="new-conversation-heading" className="stack card">
        <h2 id="new-conversation-heading">New conversation</h2>
        <NewConversationForm meId={me.id} />
      </section>
      <section aria-labelledby="conversations-heading" className="stack panel">
        <h2 id="conversations-heading">Your conversations</h2>
        {list.data ? (
          <ConversationList conversations={list.data} meId={me.id} isBlocked={isBlocked} unread={unread} />
        ) : list.isError && !list.isFetching ? (
          <div role="alert" className="notice notice-error">
            <p>Could not load your conversations: {describeError(list.error)}</p>
            <button type="button" onClick={() => void list.refetch()}>
              Try again
            </button>
          </div>
        ) : (
          <p role="status" className="notice">
            Loading conversations…
          </p>
        )}
      </section>
    </>
  );
}
