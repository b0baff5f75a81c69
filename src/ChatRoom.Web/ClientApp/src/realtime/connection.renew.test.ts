// SessionRevoked for a session that ends while its person stays signed in: a guest registered in place ("upgraded")
// or an admin changed the role ("role_changed"). The connection renews the token and reconnects instead of signing out.
import { describe, expect, it, vi } from 'vitest';
import { CSRF_COOKIE, type Session, type SessionState } from '../api/session.ts';
import { account, problem, setCookie, signedIn, tokens } from '../test/fakeApi.ts';
import { mockApi } from '../test/server.ts';
import { ChatConnection } from './connection.ts';
import type { JoinRoomResult } from './contracts.ts';
import { HubEvents } from './hubEvents.ts';
import type { HubLike } from './signalRHub.ts';

const room: JoinRoomResult['room'] = {
  id: 'r1',
  loungeId: 'l1',
  slug: 'en',
  name: 'English',
  languageCode: 'en',
  topic: null,
  moderationMode: 'PostModerated',
  slowModeSeconds: 0,
  guestsCanWrite: true,
  requiresVerifiedPhone: false,
  adultsOnly: false,
  kind: 'Lounge',
};

/** A hub whose every start is a new connection; JoinRoom answers at change `changeSeq`. */
function fakeHub() {
  const handlers = new Map<string, (payload: unknown) => void>();
  const invocations: { method: string; args: unknown[] }[] = [];
  let closed: (() => void) | null = null;
  const state = { changeSeq: 5 };
  const start = vi.fn(() => Promise.resolve());
  // As the SignalR client does: a stopped connection reports its close.
  const stop = vi.fn(() => {
    closed?.();
    return Promise.resolve();
  });
  const hub: HubLike = {
    start,
    stop,
    on: (name, handler) => handlers.set(name, handler),
    invoke: <T,>(method: string, ...args: unknown[]) => {
      invocations.push({ method, args });
      const answer = method === 'JoinRoom' ? { room, online: [], messages: [], changeSeq: state.changeSeq, hasMore: false } : undefined;
      return Promise.resolve(answer as T);
    },
    send: () => Promise.resolve(),
    onreconnecting: () => undefined,
    onreconnected: () => undefined,
    onclose: (callback) => {
      closed = () => {
        callback();
      };
    },
  };
  return { hub, start, stop, invocations, state, raise: (name: string, payload: unknown) => handlers.get(name)?.(payload) };
}

function connect(session: Pick<Session, 'getAccessToken' | 'subscribe' | 'getState' | 'end' | 'refresh'>) {
  const fake = fakeHub();
  const tokenFactories: (() => Promise<string>)[] = [];
  const connection = new ChatConnection({
    session,
    createHub: (factory) => {
      tokenFactories.push(factory);
      return fake.hub;
    },
    heartbeatMs: 60_000,
  });
  return { ...fake, connection, tokenFactories };
}

function stubSession(refresh: () => Promise<boolean>) {
  let state: SessionState = { status: 'signedIn', user: account('User') };
  return {
    getAccessToken: () => Promise.resolve('token'),
    getState: () => state,
    subscribe: () => () => true,
    end: vi.fn((notice: string) => {
      state = { status: 'signedOut', notice };
    }),
    refresh: vi.fn(refresh),
  };
}

describe('SessionRevoked that keeps the person signed in', () => {
  it.each(['upgraded', 'role_changed'])('on "%s" refreshes the session and reconnects with the fresh token, re-joining rooms', async (reason) => {
    const session = await signedIn('Guest', 'guest-token');
    setCookie(CSRF_COOKIE, 'csrf-1');
    const api = mockApi({ 'POST /api/auth/refresh': () => tokens('fresh-token', account('User', { id: 'id-guest' })) });
    const fake = connect(session);
    await fake.connection.joinRoom('r1');
    fake.invocations.length = 0;
    const states: string[] = [];
    fake.connection.subscribe(() => states.push(fake.connection.getState()));

    fake.state.changeSeq = 9;
    fake.raise(HubEvents.SessionRevoked, { reason });

    await vi.waitFor(() => {
      expect(fake.connection.getState()).toBe('connected');
      expect(fake.invocations).toEqual([{ method: 'JoinRoom', args: ['r1', 5] }]);
    });
    expect(session.getState()).toEqual({ status: 'signedIn', user: account('User', { id: 'id-guest' }) });
    expect(api.requests.map((r) => r.path)).toEqual(['/api/auth/refresh']);
    expect(fake.stop).toHaveBeenCalledTimes(1);
    expect(fake.start).toHaveBeenCalledTimes(2);
    expect(states).toEqual(['reconnecting', 'connecting', 'connected']);
    // The new connection authenticates with the refreshed token.
    expect(await fake.tokenFactories.at(-1)?.()).toBe('fresh-token');
    expect(fake.connection.appliedChangeSeq('r1')).toBe(9);
  });

  it('ends the session when the refresh is refused', async () => {
    const session = await signedIn('User', 'old');
    setCookie(CSRF_COOKIE, 'csrf-1');
    mockApi({ 'POST /api/auth/refresh': () => problem(401, { code: 'auth.session_ended', detail: 'The session has ended.' }) });
    const fake = connect(session);
    await fake.connection.joinRoom('r1');

    fake.raise(HubEvents.SessionRevoked, { reason: 'role_changed' });

    await vi.waitFor(() => {
      expect(session.getState()).toEqual({ status: 'signedOut', notice: 'Your session has ended. Sign in again.' });
    });
    expect(fake.connection.getState()).toBe('disconnected');
    expect(fake.start).toHaveBeenCalledTimes(1);
    expect(fake.connection.appliedChangeSeq('r1')).toBeNull();
  });

  it('ends the session when the refresh fails for another reason', async () => {
    const session = stubSession(() => Promise.reject(new TypeError('Failed to fetch')));
    const fake = connect(session);
    await fake.connection.joinRoom('r1');

    fake.raise(HubEvents.SessionRevoked, { reason: 'upgraded' });

    await vi.waitFor(() => {
      expect(session.end).toHaveBeenCalledWith('Your session has ended. Sign in again.');
    });
    expect(fake.connection.getState()).toBe('disconnected');
    expect(fake.start).toHaveBeenCalledTimes(1);
  });

  it('still ends the session at once for any other reason', async () => {
    const session = stubSession(() => Promise.resolve(true));
    const fake = connect(session);
    await fake.connection.joinRoom('r1');

    fake.raise(HubEvents.SessionRevoked, { reason: 'session_ended' });

    expect(session.end).toHaveBeenCalledWith('Your session has ended: session_ended');
    expect(session.refresh).not.toHaveBeenCalled();
    await vi.waitFor(() => {
      expect(fake.connection.getState()).toBe('disconnected');
    });
  });
});
