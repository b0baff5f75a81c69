import type { RefObject } from 'react';
import { NavLink } from 'react-router-dom';
import { ADMIN_MARKETPLACE_PATH, CONVERSATIONS_PATH, MARKETPLACE_PATH, SEARCH_PATH } from '../routing/paths.ts';
import { useSession } from '../session/SessionContext.tsx';
import { NotificationsLink } from './notifications/NotificationsLink.tsx';
import { UserMenu } from './UserMenu.tsx';

/** The sidebar's drawer toggle, shown on phones only (wider screens always show the sidebar). */
export interface RoomsToggle {
  open: boolean;
  controls: string;
  onToggle: () => void;
}

export function AppHeader({ rooms, roomsButtonRef }: { rooms?: RoomsToggle; roomsButtonRef?: RefObject<HTMLButtonElement | null> }) {
  const { state, isAdmin, isModerator } = useSession();
  return (
    <header className="app-header">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      {rooms && state.status === 'signedIn' && (
        <button
          ref={roomsButtonRef}
          type="button"
          className="rooms-toggle secondary"
          aria-expanded={rooms.open}
          aria-controls={rooms.controls}
          onClick={rooms.onToggle}
        >
          <span aria-hidden="true" className="rooms-toggle-icon">
            ☰
          </span>{' '}
          Rooms
        </button>
      )}
      <NavLink end to="/" className="app-title">
        ChatRoom
      </NavLink>
      {state.status === 'signedIn' && (
        <>
          <nav aria-label="Main" className="main-nav">
            <ul>
              <li>
                <NavLink end to="/">Lounges</NavLink>
              </li>
              <li>
                {/* Not `end`: it stays current inside a conversation. Guests see why they have none. */}
                <NavLink to={CONVERSATIONS_PATH}>Messages</NavLink>
              </li>
              <li>
                <NotificationsLink />
              </li>
              <li>
                <NavLink end to={SEARCH_PATH}>Search</NavLink>
              </li>
              <li>
                {/* Not `end`: it stays current on a listing, a purchase and the user's own pages. */}
                <NavLink to={MARKETPLACE_PATH}>Marketplace</NavLink>
              </li>
              {/* Only a convenience: the Api answers 403 to anyone else. */}
              {isModerator && (
                <li>
                  <NavLink end to="/moderation">Moderation</NavLink>
                </li>
              )}
              {isAdmin && (
                <>
                  <li>
                    <NavLink end to="/admin/users">Admin: Users</NavLink>
                  </li>
                  <li>
                    <NavLink end to="/admin/lounges">Admin: Lounges</NavLink>
                  </li>
                  <li>
                    <NavLink end to="/admin/audit">Admin: Audit</NavLink>
                  </li>
                  <li>
                    <NavLink end to={ADMIN_MARKETPLACE_PATH}>Admin: Marketplace</NavLink>
                  </li>
                </>
              )}
            </ul>
          </nav>
          <UserMenu user={state.user} />
        </>
      )}
    </header>
  );
}
