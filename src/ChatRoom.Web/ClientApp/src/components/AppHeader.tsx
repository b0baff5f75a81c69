import { NavLink } from 'react-router-dom';
import { CONVERSATIONS_PATH } from '../routing/paths.ts';
import { useSession } from '../session/SessionContext.tsx';
import { NotificationsLink } from './notifications/NotificationsLink.tsx';
import { UserMenu } from './UserMenu.tsx';

export function AppHeader() {
  const { state, isAdmin, isModerator } = useSession();
  return (
    <header className="app-header">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
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
