import { afterEach, describe, expect, it, vi } from 'vitest';
import { account, problem, setCookie, signedIn, tokens } from '../test/fakeApi.ts';
import { mockApi, sentRequests } from '../test/server.ts';
import { createApiClient } from './client.ts';
import { ApiError } from './problems.ts';
import { CSRF_COOKIE, CSRF_HEADER, Session } from './session.ts';

afterEach(() => {
  vi.useRealTimers();
});

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('restoring the session on load', () => {
  it('trades the refresh cookie for an access token, sending the CSRF cookie back as X-CSRF-Token', async () => {
    setCookie(CSRF_COOKIE, 'nonce.mac');
    const api = mockApi({ 'POST /api/auth/refresh': () => tokens('restored', account('Moderator')) });
    const session = new Session();

    await session.restore();

    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]?.headers.get(CSRF_HEADER)).toBe('nonce.mac');
    expect(api.requests[0]?.credentials).toBe('same-origin');
    expect(session.getState()).toEqual({ status: 'signedIn', user: account('Moderator') });
    await expect(session.getAccessToken()).resolves.toBe('restored');
  });

  it('does not call the Api when there is no CSRF cookie, because then there is no session', async () => {
    const session = new Session();

    await session.restore();

    expect(sentRequests).toEqual([]);
    expect(session.getState()).toEqual({ status: 'signedOut', notice: null });
  });

  it('ends signed out, quietly, when the server says the session is over', async () => {
    setCookie(CSRF_COOKIE, 'stale');
    mockApi({ 'POST /api/auth/refresh': () => problem(401, { detail: 'The session has ended.' }) });
    const session = new Session();

    await session.restore();

    expect(session.getState()).toEqual({ status: 'signedOut', notice: null });
  });

  it('restores once however often it is asked, as React StrictMode asks twice', async () => {
    setCookie(CSRF_COOKIE, 'c');
    const api = mockApi({ 'POST /api/auth/refresh': () => tokens('t') });
    const session = new Session();

    await Promise.all([session.restore(), session.restore()]);

    expect(api.requests).toHaveLength(1);
  });
});

describe('calls with an expired access token', () => {
  it('refresh once and retry once with the new token', async () => {
    const session = await signedIn('User', 'old');
    setCookie(CSRF_COOKIE, 'csrf-1');
    const api = mockApi({
      'GET /api/things': ({ headers }) =>
        headers.get('Authorization') === 'Bearer new' ? Response.json({ ok: true }) : problem(401, {}),
      'POST /api/auth/refresh': () => tokens('new'),
    });

    await expect(createApiClient(session).get('/api/things')).resolves.toEqual({ ok: true });

    expect(api.requests.map((r) => [r.path, r.headers.get('Authorization')])).toEqual([
      ['/api/things', 'Bearer old'],
      ['/api/auth/refresh', null],
      ['/api/things', 'Bearer new'],
    ]);
  });

  it('give up after the one retry and report the 401', async () => {
    const session = await signedIn('User', 'old');
    setCookie(CSRF_COOKIE, 'csrf-1');
    const api = mockApi({
      'GET /api/things': () => problem(401, { detail: 'Still no.' }),
      'POST /api/auth/refresh': () => tokens('new'),
    });

    const error = await createApiClient(session).get('/api/things').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect(api.requests).toHaveLength(3);
  });

  it('share one refresh between concurrent callers, since each refresh rotates the cookie', async () => {
    const session = await signedIn('User', 'old');
    setCookie(CSRF_COOKIE, 'csrf-1');
    const refreshAnswer = deferred<Response>();
    const api = mockApi({
      'GET /api/a': ({ headers }) => (headers.get('Authorization') === 'Bearer new' ? Response.json('a') : problem(401, {})),
      'GET /api/b': ({ headers }) => (headers.get('Authorization') === 'Bearer new' ? Response.json('b') : problem(401, {})),
      'POST /api/auth/refresh': () => refreshAnswer.promise,
    });
    const client = createApiClient(session);

    const both = Promise.all([client.get('/api/a'), client.get('/api/b'), session.refresh()]);
    await vi.waitFor(() => {
      expect(api.requests.filter((r) => r.path === '/api/auth/refresh')).toHaveLength(1);
    });
    refreshAnswer.resolve(tokens('new'));

    await expect(both).resolves.toEqual(['a', 'b', true]);
    expect(api.requests.filter((r) => r.path === '/api/auth/refresh')).toHaveLength(1);
  });

  it('sign the user out, with a notice, when the refresh is refused too', async () => {
    const session = await signedIn('User', 'old');
    setCookie(CSRF_COOKIE, 'csrf-1');
    mockApi({
      'GET /api/things': () => problem(401, {}),
      'POST /api/auth/refresh': () => problem(401, { detail: 'The session has ended. Sign in again.' }),
    });

    await expect(createApiClient(session).get('/api/things')).rejects.toBeInstanceOf(ApiError);

    expect(session.getState()).toEqual({ status: 'signedOut', notice: 'Your session has ended. Sign in again.' });
  });
});

describe('the access token', () => {
  it('is sent as a Bearer header and never written to storage or cookies', async () => {
    const setItem = vi.spyOn(Storage.prototype, 'setItem');
    setCookie(CSRF_COOKIE, 'csrf-1');
    const api = mockApi({
      'POST /api/auth/login': () => tokens('secret-login-token'),
      'POST /api/auth/refresh': () => tokens('secret-refreshed-token'),
      'GET /api/things': () => Response.json([]),
    });
    const session = new Session();

    await session.signIn('user', 'password');
    await createApiClient(session).get('/api/things');
    await session.refresh();

    expect(api.requests[1]?.headers.get('Authorization')).toBe('Bearer secret-login-token');
    expect(setItem).not.toHaveBeenCalled();
    expect(localStorage.length).toBe(0);
    expect(sessionStorage.length).toBe(0);
    expect(document.cookie).not.toContain('secret');
  });

  it('is refreshed a minute before it expires', async () => {
    vi.useFakeTimers();
    setCookie(CSRF_COOKIE, 'csrf-1');
    const api = mockApi({
      'POST /api/auth/login': () => tokens('first', account(), 900),
      'POST /api/auth/refresh': () => tokens('second', account(), 900),
    });
    const session = new Session();
    await session.signIn('user', 'password');

    await vi.advanceTimersByTimeAsync(839_000);
    expect(api.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);

    await vi.waitFor(() => {
      expect(api.requests[1]?.path).toBe('/api/auth/refresh');
    });
    await expect(session.getAccessToken()).resolves.toBe('second');
  });
});

describe('signing out', () => {
  it('ends the session on the server with the CSRF header and forgets the token', async () => {
    const session = await signedIn('Admin', 'admin-token');
    setCookie(CSRF_COOKIE, 'csrf-2');
    const api = mockApi({ 'POST /api/auth/logout': () => new Response(null, { status: 204 }) });

    await session.signOut();

    expect(api.requests.map((r) => r.path)).toEqual(['/api/auth/logout']);
    expect(api.requests[0]?.headers.get(CSRF_HEADER)).toBe('csrf-2');
    expect(session.getState()).toEqual({ status: 'signedOut', notice: null });
    await expect(session.getAccessToken()).resolves.toBeNull();
  });

  it('is not undone by a refresh that answers after it', async () => {
    const session = await signedIn('User', 'old');
    setCookie(CSRF_COOKIE, 'csrf-1');
    const refreshAnswer = deferred<Response>();
    mockApi({
      'POST /api/auth/refresh': () => refreshAnswer.promise,
      'POST /api/auth/logout': () => new Response(null, { status: 204 }),
    });

    const refreshing = session.refresh();
    await session.signOut();
    refreshAnswer.resolve(tokens('too-late'));
    await refreshing;

    expect(session.getState().status).toBe('signedOut');
    await expect(session.getAccessToken()).resolves.toBeNull();
  });
});

describe('a guest registering in place', () => {
  const registered = account('User', { id: 'id-guest', userName: 'ann', displayName: 'Ann' });

  it('sends the new name and password with the guest’s token and takes the new session’s tokens', async () => {
    const session = await signedIn('Guest', 'guest-token', account('Guest', { id: 'id-guest' }));
    const api = mockApi({ 'POST /api/auth/upgrade': () => tokens('member-token', registered) });

    await session.upgrade('ann', 'a long password', 'Ann');

    expect(api.requests[0]?.headers.get('Authorization')).toBe('Bearer guest-token');
    expect(api.requests[0]?.body).toEqual({ userName: 'ann', password: 'a long password', displayName: 'Ann' });
    expect(session.getState()).toEqual({ status: 'signedIn', user: registered });
    await expect(session.getAccessToken()).resolves.toBe('member-token');
  });

  it('makes a refresh asked for meanwhile wait for the new session’s cookie', async () => {
    const session = await signedIn('Guest', 'guest-token', account('Guest', { id: 'id-guest' }));
    setCookie(CSRF_COOKIE, 'csrf-guest');
    const upgradeAnswer = deferred<Response>();
    const api = mockApi({
      'POST /api/auth/upgrade': () => upgradeAnswer.promise,
      'POST /api/auth/refresh': () => tokens('refreshed-token', registered),
    });

    const upgrading = session.upgrade('ann', 'a long password', null);
    await vi.waitFor(() => {
      expect(api.requests).toHaveLength(1);
    });
    // The hub's "upgraded" arrives before the answer: the guest's refresh cookie is revoked by now.
    const refreshing = session.refresh();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(api.requests.map((r) => r.path)).toEqual(['/api/auth/upgrade']);

    upgradeAnswer.resolve(tokens('member-token', registered));
    await upgrading;
    await expect(refreshing).resolves.toBe(true);
    expect(api.requests.map((r) => r.path)).toEqual(['/api/auth/upgrade', '/api/auth/refresh']);
    expect(session.getState()).toEqual({ status: 'signedIn', user: registered });
  });

  it('keeps the guest signed in when the name is taken', async () => {
    const session = await signedIn('Guest', 'guest-token');
    mockApi({ 'POST /api/auth/upgrade': () => problem(409, { code: 'auth.name_taken', detail: 'That user name is taken.' }) });

    const error = await session.upgrade('ann', 'a long password', null).catch((e: unknown) => e);

    expect((error as ApiError).code).toBe('auth.name_taken');
    expect(session.getState()).toEqual({ status: 'signedIn', user: account('Guest') });
    await expect(session.getAccessToken()).resolves.toBe('guest-token');
  });
});
