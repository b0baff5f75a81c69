import { useQuery } from '@tanstack/react-query';
import { useId, type KeyboardEvent, type RefObject } from 'react';
import { NavLink } from 'react-router-dom';
import { fetchLounges, type Lounge } from '../../api/lounges.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import { unreadText } from '../../api/unread.ts';
import { useConversationList } from '../../pages/conversations/useConversationList.ts';
import { conversationPath } from '../../routing/paths.ts';
import { conversationTitle } from '../conversations/conversationTitle.ts';
import { useUnreadCounts } from '../unread/useUnread.ts';

/** Not "Lounges" nor "Main": those name the lounges page's list and the header, and the browser tests tell them apart. */
export const SIDEBAR_LABEL = 'Rooms and conversations';

interface SidebarProps {
  id: string;
  meId: string;
  /** Guests have no direct messages (the Api refuses them). */
  withConversations: boolean;
  /** A drawer on phones: open or not (wider screens always show it; the CSS decides). */
  open: boolean;
  /** Escape or the close button. */
  onClose: () => void;
  /** A link was chosen. */
  onChoose: () => void;
  closeButtonRef: RefObject<HTMLButtonElement | null>;
}

/**
 * Every room of every lounge and the user's conversations, each a link with its unread count. Up and Down (Home,
 * End) move between the links, so a long list is not a long Tab walk; Escape closes the drawer.
 */
export function Sidebar({ id, meId, withConversations, open, onClose, onChoose, closeButtonRef }: SidebarProps) {
  const lounges = useQuery({ queryKey: queryKeys.lounges, queryFn: ({ signal }) => fetchLounges({ signal }) });
  const unread = useUnreadCounts();

  function keyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.key === 'Escape' && open) {
      event.preventDefault();
      onClose();
      return;
    }
    const links = [...event.currentTarget.querySelectorAll<HTMLAnchorElement>('a[href]')];
    const at = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (at < 0) return;
    const next = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: links.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    links[Math.min(links.length - 1, Math.max(0, next))]?.focus();
  }

  return (
    <nav id={id} aria-label={SIDEBAR_LABEL} className="sidebar" data-open={open} onKeyDown={keyDown}>
      <div className="sidebar-top">
        <button ref={closeButtonRef} type="button" className="sidebar-close secondary" onClick={onClose}>
          Close <span className="visually-hidden">rooms</span>
        </button>
      </div>
      {lounges.isError && <p className="sidebar-note">Could not load the lounges.</p>}
      {lounges.data?.map((lounge) => <LoungeSection key={lounge.id} lounge={lounge} unread={unread} onChoose={onChoose} />)}
      {withConversations && <ConversationSection meId={meId} unread={unread} onChoose={onChoose} />}
    </nav>
  );
}

type Unread = (roomId: string) => number;

function LoungeSection({ lounge, unread, onChoose }: { lounge: Lounge; unread: Unread; onChoose: () => void }) {
  const headingId = useId();
  if (lounge.rooms.length === 0) return null;
  return (
    <section className="sidebar-section" aria-labelledby={headingId}>
      <h2 id={headingId} className="sidebar-heading">
        {lounge.name}
      </h2>
      <ul className="sidebar-list">
        {lounge.rooms.map((room) => (
          <SidebarLink key={room.id} to={`/rooms/${encodeURIComponent(room.id)}`} name={room.name} unread={unread(room.id)} onChoose={onChoose} hash />
        ))}
      </ul>
    </section>
  );
}

function ConversationSection({ meId, unread, onChoose }: { meId: string; unread: Unread; onChoose: () => void }) {
  const headingId = useId();
  const conversations = useConversationList();
  return (
    <section className="sidebar-section" aria-labelledby={headingId}>
      <h2 id={headingId} className="sidebar-heading">
        Direct messages
      </h2>
      {conversations.data?.length === 0 && <p className="sidebar-note">None yet.</p>}
      <ul className="sidebar-list">
        {conversations.data?.map((conversation) => (
          <SidebarLink
            key={conversation.id}
            to={conversationPath(conversation.id)}
            name={conversationTitle(conversation.members, meId)}
            unread={unread(conversation.id)}
            onChoose={onChoose}
          />
        ))}
      </ul>
    </section>
  );
}

/**
 * NavLink marks the page it leads to aria-current="page". The count is said in words ("English, 3 unread", as the
 * header's "Notifications, 1 unread"): the name is given whole, as text pieces would be joined differently by each
 * screen reader.
 */
function SidebarLink({ to, name, unread, onChoose, hash = false }: { to: string; name: string; unread: number; onChoose: () => void; hash?: boolean }) {
  return (
    <li>
      <NavLink
        to={to}
        className={unread > 0 ? 'sidebar-link sidebar-link-unread' : 'sidebar-link'}
        aria-label={unread > 0 ? `${name}, ${unreadText(unread)} unread` : undefined}
        onClick={onChoose}
      >
        <span className="sidebar-link-name">
          {hash && (
            <span className="sidebar-hash" aria-hidden="true">
              #
            </span>
          )}
          {name}
        </span>
        {unread > 0 && (
          <span className="sidebar-badge" aria-hidden="true">
            {unreadText(unread)}
          </span>
        )}
      </NavLink>
    </li>
  );
}
