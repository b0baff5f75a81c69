// Test helpers: a fetch stand-in that answers by method and path, and sessions signed in as any role.
import { vi } from 'vitest';
import { Session, type Role, type User } from '../api/session.ts';

export type Handler = (request: { url: URL; init: RequestInit; headers: Headers; body: unknown }) => Response | Promise<Response>;

/** Routes keyed "METHOD /path" (query ignored); an unrouted call fails the test loudly. */
export function stubApi(routes: Record<string, Handler>) {
  const fetchMock = vi.fn<typeof fetch>((input, init = {}) => {
    const url = new URL(input instanceof Request ? input.url : input, 'http://localhost');
    const key = `${init.method ?? 'GET'} ${url.pathname}`;
    const handler = routes[key];
    if (!handler) return Promise.reject(new Error(`No fake for ${key}`));
    const body: unknown = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    return Promise.resolve(handler({ url, init, headers: new Headers(init.headers), body }));
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

export function user(role: Role = 'User', overrides: Partial<User> = {}): User {
  return {
    id: `id-${role.toLowerCase()}`,
    userName: role.toLowerCase(),
    displayName: `${role} Person`,
    avatarUrl: null,
    role,
    createdAt: '2025-01-02T03:04:05Z',
    ...overrides,
  };
}

export function tokens(accessToken: string, who: User = user(), expiresIn = 900) {
  return Response.json({ accessToken, expiresIn, csrfToken: `csrf-for-${accessToken}`, user: who });
}

export function problem(status: number, body: object, headers: Record<string, string> = {}) {
  return Response.json(
    { status, ...body },
    { status, headers: { 'Content-Type': 'application/problem+json', ...headers } },
  );
}

/** A Session that has signed in (through a faked login) as the given role. */
export async function signedIn(role: Role, accessToken = 'token-1'): Promise<Session> {
  const session = new Session();
  const original = globalThis.fetch;
  vi.stubGlobal('fetch', vi.fn<typeof fetch>().mockResolvedValue(tokens(accessToken, user(role))));
  await session.signIn(role.toLowerCase(), 'password');
  vi.stubGlobal('fetch', original);
  return session;
}

export function setCookie(name: string, value: string) {
  document.cookie = `${name}=${encodeURIComponent(value)}; path=/`;
}

export function clearCookie(name: string) {
  document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
}

export function bearerOf(init: RequestInit | undefined): string | null {
  return new Headers(init?.headers).get('Authorization');
}
