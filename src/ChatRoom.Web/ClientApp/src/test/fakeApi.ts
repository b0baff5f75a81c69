// Test helpers for the Api's answers: users of any role, token and problem answers, and signed-in sessions.
import type { Block } from '../api/blocks.ts';
import { Session, type Role, type User } from '../api/session.ts';
import type { UserSummary } from '../realtime/contracts.ts';
import { mockApi } from './server.ts';

export function account(role: Role = 'User', overrides: Partial<User> = {}): User {
  return {
    id: `id-${role.toLowerCase()}`,
    userName: role.toLowerCase(),
    displayName: `${role} Person`,
    avatarUrl: null,
    role,
    createdAt: '2025-01-02T03:04:05Z',
    phoneVerified: false,
    ageVerified: false,
    ...overrides,
  };
}

export function tokens(accessToken: string, who: User = account(), expiresIn = 900) {
  return Response.json({ accessToken, expiresIn, csrfToken: `csrf-for-${accessToken}`, user: who });
}

export function problem(status: number, body: object, headers: Record<string, string> = {}) {
  return Response.json(
    { status, ...body },
    { status, headers: { 'Content-Type': 'application/problem+json', ...headers } },
  );
}

/** A Session that has signed in (through the Api's login, answered once) as the given role. */
export async function signedIn(role: Role, accessToken = 'token-1', who: User = account(role)): Promise<Session> {
  const session = new Session();
  let answered = false;
  mockApi({
    'POST /api/auth/login': () => {
      if (answered) return problem(500, { detail: 'Only one sign-in was expected.' });
      answered = true;
      return tokens(accessToken, who);
    },
  });
  await session.signIn(role.toLowerCase(), 'password');
  return session;
}

export function setCookie(name: string, value: string) {
  document.cookie = `${name}=${encodeURIComponent(value)}; path=/`;
}

export function clearCookie(name: string) {
  document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
}

/**
 * The signed-in member's blocks as the Api keeps them: GET lists them, PUT blocks one of `people`, DELETE lifts.
 * Every chat view and the profile read them, so tests showing those answer this.
 */
export function blocksApi(blocked: readonly UserSummary[] = [], people: readonly UserSummary[] = blocked) {
  let blocks: Block[] = blocked.map((user) => ({ user, createdAt: '2025-01-01T09:00:00Z' }));
  return mockApi({
    'GET /api/me/blocks': () => Response.json(blocks),
    'PUT /api/me/blocks/:userId': ({ path }) => {
      const user = people.find((p) => path.endsWith(`/${p.id}`));
      if (!user) return problem(404, { code: 'user.not_found', detail: 'There is no such user.' });
      const block = { user, createdAt: '2025-01-02T09:00:00Z' };
      blocks = [block, ...blocks.filter((b) => b.user.id !== user.id)];
      return Response.json(block);
    },
    'DELETE /api/me/blocks/:userId': ({ path }) => {
      blocks = blocks.filter((b) => !path.endsWith(`/${b.user.id}`));
      return new Response(null, { status: 204 });
    },
  });
}
