import { Link } from '../routing/router.tsx';
import { useSession } from '../session/SessionContext.tsx';
import { UserMenu } from './UserMenu.tsx';

export function AppHeader() {
  const { state, isAdmin, isModerator } = useSession();
  return (
    <header className="app-header">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Link to="/" className="app-title">
        ChatRoom
      </Link>
      {state.status === 'signedIn' && (
        <>
          <nav aria-label="Main" className="main-nav">
            <ul>
              <li>
                <Link to="/">Lounges</Link>
              </li>
              {/* Only a convenience: the Api answers 403 to anyone else. */}
              {isModerator && (
                <li>
                  <Link to="/moderation">Moderation</Link>
                </li>
              )}
              {isAdmin && (
                <>
                  <li>
                    <Link to="/admin/users">Admin: Users</Link>
                  </li>
                  <li>
                    <Link to="/admin/lounges">Admin: Lounges</Link>
                  </li>
                  <li>
                    <Link to="/admin/audit">Admin: Audit</Link>
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
