import { createContext, use, useEffect, useSyncExternalStore, type ReactNode } from 'react';
import { session as defaultSession, type Session, type SessionState } from '../api/session.ts';

const SessionContext = createContext<Session>(defaultSession);

/** Restores the session from the refresh cookie on mount and keeps it fresh while the tab sleeps and wakes. */
export function SessionProvider({ session = defaultSession, children }: { session?: Session; children: ReactNode }) {
  useEffect(() => {
    void session.restore();
    const wake = () => {
      if (document.visibilityState === 'visible') session.refreshIfDue();
    };
    document.addEventListener('visibilitychange', wake);
    return () => {
      document.removeEventListener('visibilitychange', wake);
    };
  }, [session]);
  return <SessionContext value={session}>{children}</SessionContext>;
}

export interface SessionView {
  state: SessionState;
  session: Session;
  isAdmin: boolean;
  /** Moderator or Admin: may use the moderation tools. */
  isModerator: boolean;
}

/** The current user and role, and the session to sign in or out with. */
export function useSession(): SessionView {
  const session = use(SessionContext);
  const state = useSyncExternalStore(session.subscribe, session.getState);
  const role = state.status === 'signedIn' ? state.user.role : null;
  return { state, session, isAdmin: role === 'Admin', isModerator: role === 'Admin' || role === 'Moderator' };
}
