import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { BrowserRouter } from 'react-router-dom';
import { queryClient as defaultQueryClient } from './api/queryClient.ts';
import { session as defaultSession, type Session } from './api/session.ts';
import { AppRoutes } from './routing/AppRoutes.tsx';
import { SessionProvider } from './session/SessionContext.tsx';

/** The page's providers: server state, the session and the router. Tests pass their own session and client. */
export function App({ session = defaultSession, queryClient = defaultQueryClient }: { session?: Session; queryClient?: QueryClient }) {
  useForgetOnUserChange(session, queryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider session={session}>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </SessionProvider>
    </QueryClientProvider>
  );
}

/** One user's server state is never shown to the next one who signs in on this page. */
function useForgetOnUserChange(session: Session, queryClient: QueryClient) {
  useEffect(() => {
    let userId = userOf(session);
    return session.subscribe(() => {
      const next = userOf(session);
      if (next !== userId) queryClient.clear();
      userId = next;
    });
  }, [session, queryClient]);
}

function userOf(session: Session): string | null {
  const state = session.getState();
  return state.status === 'signedIn' ? state.user.id : null;
}
