import { useEffect, useRef, type ReactNode } from 'react';
import { session as defaultSession, type Session } from './api/session.ts';
import { AppHeader } from './components/AppHeader.tsx';
import { ModerationNoticeBanner } from './components/ModerationNoticeBanner.tsx';
import { PageHeading } from './components/PageHeading.tsx';
import { AdminAuditPage } from './pages/AdminAuditPage.tsx';
import { AdminLoungesPage } from './pages/AdminLoungesPage.tsx';
import { AdminUsersPage } from './pages/AdminUsersPage.tsx';
import { LoungesPage } from './pages/LoungesPage.tsx';
import { ModerationPage } from './pages/ModerationPage.tsx';
import { ProfilePage } from './pages/ProfilePage.tsx';
import { RoomPage } from './pages/RoomPage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { Link, Redirect, safeNext, useLocation, type Location } from './routing/router.tsx';
import { SessionProvider, useSession, type SessionView } from './session/SessionContext.tsx';

type Access = 'public' | 'signedIn' | 'moderator' | 'admin';

interface Route {
  title: string;
  access: Access;
  page: () => ReactNode;
}

// The server still decides: `access` only spares people pages whose every call would be refused.
const ROUTES: Record<string, Route> = {
  '/': { title: 'Lounges', access: 'signedIn', page: () => <LoungesPage /> },
  '/profile': { title: 'Profile', access: 'signedIn', page: () => <ProfilePage /> },
  '/moderation': { title: 'Moderation', access: 'moderator', page: () => <ModerationPage /> },
  '/admin/users': { title: 'Admin: Users', access: 'admin', page: () => <AdminUsersPage /> },
  '/admin/lounges': { title: 'Admin: Lounges', access: 'admin', page: () => <AdminLoungesPage /> },
  '/admin/audit': { title: 'Admin: Audit', access: 'admin', page: () => <AdminAuditPage /> },
};

export function App({ session = defaultSession }: { session?: Session }) {
  return (
    <SessionProvider session={session}>
      <Shell />
    </SessionProvider>
  );
}

function Shell() {
  const location = useLocation();
  const view = useSession();
  const { title, content } = resolve(location, view);
  useFocusHeadingOnNavigation(location.pathname);

  useEffect(() => {
    document.title = `${title} · ChatRoom`;
  }, [title]);

  return (
    <>
      <AppHeader />
      <main id="main" className="app-main" tabIndex={-1}>
        {view.state.status === 'signedIn' && <ModerationNoticeBanner />}
        {content}
      </main>
    </>
  );
}

function resolve(location: Location, { state, isAdmin, isModerator }: SessionView): { title: string; content: ReactNode } {
  const path = location.pathname.length > 1 ? location.pathname.replace(/\/+$/, '') : location.pathname;
  if (state.status === 'restoring') {
    return {
      title: 'Loading',
      content: (
        <p role="status" className="notice">
          Restoring your session…
        </p>
      ),
    };
  }

  if (path === '/signin') {
    if (state.status === 'signedIn') {
      return { title: 'Signing in', content: <Redirect to={safeNext(new URLSearchParams(location.search).get('next'))} /> };
    }
    return { title: 'Sign in', content: <SignInPage notice={state.notice} /> };
  }

  const route = ROUTES[path] ?? roomRoute(path);
  if (!route) return { title: 'Not found', content: <NotFoundPage /> };
  if (state.status === 'signedOut') {
    const next = path === '/' ? '' : `?next=${encodeURIComponent(path + location.search)}`;
    return { title: 'Sign in', content: <Redirect to={`/signin${next}`} /> };
  }
  if (route.access === 'admin' && !isAdmin) return { title: 'Admins only', content: <ForbiddenPage who="Admins" /> };
  if (route.access === 'moderator' && !isModerator) {
    return { title: 'Moderators only', content: <ForbiddenPage who="Moderators" /> };
  }
  return { title: route.title, content: route.page() };
}

/** `/rooms/:roomId`; the key gives each room its own page state. */
function roomRoute(path: string): Route | undefined {
  const match = /^\/rooms\/([^/]+)$/.exec(path);
  const roomId = match?.[1] === undefined ? null : decodeURIComponent(match[1]);
  if (roomId === null) return undefined;
  return { title: 'Chat', access: 'signedIn', page: () => <RoomPage key={roomId} roomId={roomId} /> };
}

/** Moves focus to the new page's h1 after in-app navigation (not on first load), as a page load would reset it. */
function useFocusHeadingOnNavigation(pathname: string) {
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [pathname]);
}

function NotFoundPage() {
  return (
    <>
      <PageHeading>Page not found</PageHeading>
      <p>
        There is nothing at this address. <Link to="/">Go to the lounges</Link>.
      </p>
    </>
  );
}

function ForbiddenPage({ who }: { who: 'Admins' | 'Moderators' }) {
  return (
    <>
      <PageHeading>{who} only</PageHeading>
      <p>
        This page is for {who === 'Admins' ? 'administrators' : 'moderators and administrators'}.{' '}
        <Link to="/">Go to the lounges</Link>.
      </p>
    </>
  );
}
