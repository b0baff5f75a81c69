import { useEffect, useRef, type ReactNode } from 'react';
import { Link, Navigate, Outlet, Route, Routes, useLocation, useParams, useSearchParams } from 'react-router-dom';
import { AppHeader } from '../components/AppHeader.tsx';
import { Sidebar } from '../components/sidebar/Sidebar.tsx';
import { useDrawer } from '../components/sidebar/useDrawer.ts';
import { ModerationNoticeBanner } from '../components/ModerationNoticeBanner.tsx';
import { MembersOnlyNotice } from '../components/conversations/MembersOnlyNotice.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { AdminAuditPage } from '../pages/AdminAuditPage.tsx';
import { AdminLoungesPage } from '../pages/AdminLoungesPage.tsx';
import { AdminMarketplacePage } from '../pages/AdminMarketplacePage.tsx';
import { AdminUsersPage } from '../pages/AdminUsersPage.tsx';
import { ConversationsPage } from '../pages/ConversationsPage.tsx';
import { ListingPage } from '../pages/ListingPage.tsx';
import { LoungesPage } from '../pages/LoungesPage.tsx';
import { MarketplacePage } from '../pages/MarketplacePage.tsx';
import { ModerationPage } from '../pages/ModerationPage.tsx';
import { MyListingsPage } from '../pages/MyListingsPage.tsx';
import { NewListingPage } from '../pages/NewListingPage.tsx';
import { NotificationsPage } from '../pages/NotificationsPage.tsx';
import { OrdersPage } from '../pages/OrdersPage.tsx';
import { ProfilePage } from '../pages/ProfilePage.tsx';
import { PurchasePage } from '../pages/PurchasePage.tsx';
import { RoomPage } from '../pages/RoomPage.tsx';
import { SearchPage } from '../pages/SearchPage.tsx';
import { SignInPage } from '../pages/SignInPage.tsx';
import { useSession } from '../session/SessionContext.tsx';
import {
  ADMIN_MARKETPLACE_PATH,
  CONVERSATIONS_PATH,
  MARKETPLACE_PATH,
  MY_LISTINGS_PATH,
  NEW_LISTING_PATH,
  NOTIFICATIONS_PATH,
  ORDERS_PATH,
  SEARCH_PATH,
  safeNext,
  signInPath,
} from './paths.ts';

type Access = 'signedIn' | 'moderator' | 'admin';

// ChatRoom.Web answers every path but /api, /hubs, /health and /alive with index.html (ClientRouteConstraint).
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Shell />}>
        <Route path="/signin" caseSensitive element={<SignInRoute />} />
        <Route path="/" element={<Guarded title="Lounges" access="signedIn"><LoungesPage /></Guarded>} />
        <Route path="/profile" caseSensitive element={<Guarded title="Profile" access="signedIn"><ProfilePage /></Guarded>} />
        <Route path="/moderation" caseSensitive element={<Guarded title="Moderation" access="moderator"><ModerationPage /></Guarded>} />
        <Route path="/admin/users" caseSensitive element={<Guarded title="Admin: Users" access="admin"><AdminUsersPage /></Guarded>} />
        <Route path="/admin/lounges" caseSensitive element={<Guarded title="Admin: Lounges" access="admin"><AdminLoungesPage /></Guarded>} />
        <Route path="/admin/audit" caseSensitive element={<Guarded title="Admin: Audit" access="admin"><AdminAuditPage /></Guarded>} />
        <Route path="/rooms/:roomId" caseSensitive element={<Guarded title="Chat" access="signedIn"><RoomRoute /></Guarded>} />
        <Route path={CONVERSATIONS_PATH} caseSensitive element={<Guarded title="Messages" access="signedIn"><ConversationsPage /></Guarded>} />
        <Route
          path={`${CONVERSATIONS_PATH}/:conversationId`}
          caseSensitive
          element={<Guarded title="Conversation" access="signedIn"><ConversationRoute /></Guarded>}
        />
        <Route path={NOTIFICATIONS_PATH} caseSensitive element={<Guarded title="Notifications" access="signedIn"><NotificationsPage /></Guarded>} />
        <Route path={SEARCH_PATH} caseSensitive element={<Guarded title="Search" access="signedIn"><SearchPage /></Guarded>} />
        <Route path={MARKETPLACE_PATH} caseSensitive element={<Guarded title="Marketplace" access="signedIn"><MarketplacePage /></Guarded>} />
        <Route path={NEW_LISTING_PATH} caseSensitive element={<Guarded title="New listing" access="signedIn"><NewListingPage /></Guarded>} />
        <Route path={MY_LISTINGS_PATH} caseSensitive element={<Guarded title="My listings" access="signedIn"><MyListingsPage /></Guarded>} />
        <Route path={ORDERS_PATH} caseSensitive element={<Guarded title="Purchases and sales" access="signedIn"><OrdersPage /></Guarded>} />
        <Route
          path={`${MARKETPLACE_PATH}/listings/:listingId`}
          caseSensitive
          element={<Guarded title="Listing" access="signedIn"><ListingRoute /></Guarded>}
        />
        <Route
          path={`${MARKETPLACE_PATH}/purchases/:purchaseId`}
          caseSensitive
          element={<Guarded title="Purchase" access="signedIn"><PurchaseRoute /></Guarded>}
        />
        <Route
          path={ADMIN_MARKETPLACE_PATH}
          caseSensitive
          element={<Guarded title="Admin: Marketplace" access="admin"><AdminMarketplacePage /></Guarded>}
        />
        <Route path="*" element={<Titled title="Not found"><NotFoundPage /></Titled>} />
      </Route>
    </Routes>
  );
}

const SIDEBAR_ID = 'sidebar';

/** A chat fills the window: its messages scroll inside, the composer stays at the bottom. */
function isChatPath(pathname: string): boolean {
  return pathname.startsWith('/rooms/') || pathname.startsWith(`${CONVERSATIONS_PATH}/`);
}

function Shell() {
  const { state } = useSession();
  const { pathname } = useLocation();
  const drawer = useDrawer(SIDEBAR_ID);
  useFocusHeadingOnNavigation(pathname);
  const user = state.status === 'signedIn' ? state.user : null;
  return (
    <div className="app-shell" data-layout={isChatPath(pathname) ? 'chat' : 'page'}>
      <AppHeader rooms={{ open: drawer.open, controls: SIDEBAR_ID, onToggle: drawer.toggle }} roomsButtonRef={drawer.toggleButtonRef} />
      <div className={user ? 'app-body app-body-with-sidebar' : 'app-body'}>
        {user && (
          <>
            <Sidebar
              id={SIDEBAR_ID}
              meId={user.id}
              withConversations={user.role !== 'Guest'}
              open={drawer.open}
              onClose={drawer.close}
              onChoose={drawer.chosen}
              closeButtonRef={drawer.closeButtonRef}
            />
            {drawer.open && <div className="sidebar-backdrop" aria-hidden="true" onClick={drawer.close} />}
          </>
        )}
        <main id="main" className="app-main" tabIndex={-1}>
          {user && <ModerationNoticeBanner />}
          {state.status === 'restoring' ? (
            <Titled title="Loading">
              <p role="status" className="notice">
                Restoring your session…
              </p>
            </Titled>
          ) : (
            <Outlet />
          )}
        </main>
      </div>
    </div>
  );
}

function Titled({ title, children }: { title: string; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · ChatRoom`;
  }, [title]);
  return children;
}

/** The server still decides: `access` only spares people pages whose every call would be refused. */
function Guarded({ title, access, children }: { title: string; access: Access; children: ReactNode }) {
  const { state, isAdmin, isModerator } = useSession();
  const location = useLocation();
  if (state.status !== 'signedIn') {
    return (
      <Titled title="Sign in">
        <Navigate to={signInPath(location)} replace />
      </Titled>
    );
  }
  if (access === 'admin' && !isAdmin) {
    return (
      <Titled title="Admins only">
        <ForbiddenPage who="Admins" />
      </Titled>
    );
  }
  if (access === 'moderator' && !isModerator) {
    return (
      <Titled title="Moderators only">
        <ForbiddenPage who="Moderators" />
      </Titled>
    );
  }
  return <Titled title={title}>{children}</Titled>;
}

function SignInRoute() {
  const { state } = useSession();
  const [params] = useSearchParams();
  if (state.status === 'signedIn') {
    return (
      <Titled title="Signing in">
        <Navigate to={safeNext(params.get('next'))} replace />
      </Titled>
    );
  }
  return (
    <Titled title="Sign in">
      <SignInPage notice={state.status === 'signedOut' ? state.notice : null} />
    </Titled>
  );
}

/** The key gives each room its own page state. */
function RoomRoute() {
  const { roomId = '' } = useParams();
  return <RoomPage key={roomId} roomId={roomId} />;
}

/** A conversation is a room of its members: the same chat view, keyed the same way. Guests have none. */
function ConversationRoute() {
  const { conversationId = '' } = useParams();
  const { state } = useSession();
  if (state.status === 'signedIn' && state.user.role === 'Guest') {
    return (
      <>
        <PageHeading>Conversation</PageHeading>
        <MembersOnlyNotice />
      </>
    );
  }
  return <RoomPage key={conversationId} roomId={conversationId} conversation />;
}

/** The key gives each listing (and each purchase) its own page state. */
function ListingRoute() {
  const { listingId = '' } = useParams();
  return <ListingPage key={listingId} listingId={listingId} />;
}

function PurchaseRoute() {
  const { purchaseId = '' } = useParams();
  return <PurchasePage key={purchaseId} purchaseId={purchaseId} />;
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
