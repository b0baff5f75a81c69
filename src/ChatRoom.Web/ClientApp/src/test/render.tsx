// Renders for tests with everything the app provides: a fresh QueryClient (no retries), the session, the chat
// connection (a fake hub unless given) and a router. The network is MSW's (server.ts); user events via user-event.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { beforeEach } from 'vitest';
import { MemoryRouter, useLocation, type Location } from 'react-router-dom';
import { App } from '../App.tsx';
import { Session } from '../api/session.ts';
import { ChatConnectionContext } from '../realtime/ChatConnectionContext.tsx';
import type { ChatConnection } from '../realtime/connection.ts';
import { SessionProvider } from '../session/SessionContext.tsx';
import { fakeConnection } from './fakeHub.ts';

/**
 * The person at the keyboard, fresh for each test. No delay between keystrokes: the same under fake timers.
 * (An ES module binding, so importers see each test's own.)
 */
export let user: UserEvent = userEvent.setup({ delay: null });
beforeEach(() => {
  user = userEvent.setup({ delay: null });
});

/** Replaces a field's text as a person would: select all, delete, type (braces typed as themselves); or picks an option. */
export async function fill(element: HTMLElement, value: string): Promise<void> {
  if (element instanceof HTMLSelectElement) {
    await user.selectOptions(element, value);
    return;
  }
  await user.clear(element);
  if (value !== '') await user.type(element, value.replace(/[{[]/g, (c) => c + c));
}

export function testQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity }, mutations: { retry: false } } });
}

export interface RenderOptions {
  /** Signed out (and not restoring) unless given. */
  session?: Session;
  connection?: ChatConnection;
  /** Where the router starts. */
  path?: string;
  /** What the page that navigated here handed over (`navigate(path, { state })`). */
  state?: unknown;
}

/** One page or component inside the app's providers and a memory router; `location()` is where it navigated to. */
export function renderWithProviders(ui: ReactElement, { session = new Session(), connection, path = '/', state }: RenderOptions = {}) {
  const queryClient = testQueryClient();
  let current: Location | null = null;
  function LocationProbe() {
    current = useLocation();
    return null;
  }
  const result = render(
    <QueryClientProvider client={queryClient}>
      <SessionProvider session={session}>
        <ChatConnectionContext value={connection ?? fakeConnection(session).connection}>
          <MemoryRouter initialEntries={[state === undefined ? path : { pathname: path, state }]}>
            {ui}
            <LocationProbe />
          </MemoryRouter>
        </ChatConnectionContext>
      </SessionProvider>
    </QueryClientProvider>,
  );
  return {
    ...result,
    queryClient,
    location: () => (current === null ? '' : current.pathname + current.search),
    /** What the last navigation handed to the next page (`navigate(path, { state })`). */
    locationState: (): unknown => current?.state,
  };
}

/** The whole app at `path` of the page's own history, as a browser would load it. */
export function renderApp({ session = new Session(), connection, path = '/' }: RenderOptions = {}) {
  window.history.replaceState(null, '', path);
  const queryClient = testQueryClient();
  const result = render(
    <ChatConnectionContext value={connection ?? fakeConnection(session).connection}>
      <App session={session} queryClient={queryClient} />
    </ChatConnectionContext>,
  );
  return { ...result, queryClient };
}

/** The text of whatever describes a control (hint and error), as a screen reader reads it with the control. */
export function describedText(element: HTMLElement): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}
