// Owns the signed-in session. The access token lives only in this object's memory: never in storage or a
// cookie we write. The refresh token is an HttpOnly cookie (Path=/api/auth) the page cannot read; the CSRF
// token is a readable cookie the page copies into X-CSRF-Token, which is how a reload gets its session back.
import { endsSession } from './errorCodes.ts';
import { ApiError, toApiError } from './problems.ts';
import type { components } from './schema.gen.ts';

export type Role = 'Guest' | 'User' | 'Moderator' | 'Admin';

// The record carries the role as a string; the roles are the ones above.
export type User = Omit<components['schemas']['UserResponse'], 'role'> & { role: Role };

type TokenResponse = Omit<components['schemas']['TokenResponse'], 'user'> & { user: User };

/** What each way in takes. */
interface AuthRequests {
  '/api/auth/login': components['schemas']['LoginRequest'];
  '/api/auth/register': components['schemas']['RegisterRequest'];
  '/api/auth/guest': components['schemas']['GuestRequest'];
}

export type SessionState =
  | { status: 'restoring' }
  | { status: 'signedIn'; user: User }
  /** `notice` says why a session ended without the user asking, or why signing out was incomplete. */
  | { status: 'signedOut'; notice: string | null };

export const CSRF_COOKIE = 'chatroom_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

// A failed scheduled refresh (network, 429, 5xx) is tried again this much later, while the token may still work.
const RETRY_DELAY_MS = 30_000;

export class Session {
  #state: SessionState = { status: 'restoring' };
  #token: string | null = null;
  #csrf: string | null = null;
  #refreshAt = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #refreshing: Promise<boolean> | null = null;
  #restoring: Promise<void> | null = null;
  #upgrading: Promise<unknown> | null = null;
  // Bumped whenever the session is replaced or ended, so a refresh that answers late cannot bring it back.
  #generation = 0;
  readonly #listeners = new Set<() => void>();

  // Arrow properties so React can take them unbound (useSyncExternalStore, onClick).
  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly getState = (): SessionState => this.#state;

  /** On load: trade the refresh cookie for an access token, once, however often it is called. */
  restore(): Promise<void> {
    this.#restoring ??= this.#restore();
    return this.#restoring;
  }

  async #restore(): Promise<void> {
    if (this.#state.status !== 'restoring') return;
    // The CSRF cookie lives exactly as long as the refresh cookie: without it there is nothing to restore.
    if (readCookie(CSRF_COOKIE) === null) {
      this.#setState({ status: 'signedOut', notice: null });
      return;
    }
    try {
      await this.refresh();
    } catch {
      // Down or rate limited: the cookies stay, so a reload can try again; meanwhile the user can sign in.
      if (this.#token === null) {
        this.#setState({ status: 'signedOut', notice: 'Your session could not be restored just now. Sign in again.' });
      }
    }
  }

  async signIn(userName: string, password: string): Promise<void> {
    this.#accept(await postAuth('/api/auth/login', { userName, password }));
  }

  /** Registration answers with the user only, so it signs in right after. */
  async register(userName: string, password: string, displayName: string | null): Promise<void> {
    await postAuth('/api/auth/register', { userName, password, displayName });
    await this.signIn(userName, password);
  }

  async continueAsGuest(displayName: string | null): Promise<void> {
    this.#accept(await postAuth('/api/auth/guest', { displayName }));
  }

  /**
   * A guest registers in place: the same account (and its history) gets a name and password, in a new session whose
   * tokens are taken at once, as a sign-in's are. The server ends the guest's session, so the hub hears "upgraded".
   */
  async upgrade(userName: string, password: string, displayName: string | null): Promise<void> {
    const body: components['schemas']['RegisterRequest'] = { userName, password, displayName };
    let error = await this.#tryUpgrade(body);
    // The access token expired on the way: the guest's session still stands, so one refresh and one retry.
    if (error?.status === 401 && (await this.refresh())) error = await this.#tryUpgrade(body);
    if (error) throw error;
  }

  /**
   * Null once upgraded. A refresh asked for meanwhile waits for this answer: it brings the new session's refresh
   * cookie, while the guest's, which the browser still holds, may already be revoked.
   */
  #tryUpgrade(body: components['schemas']['RegisterRequest']): Promise<ApiError | null> {
    const attempt = (async () => {
      const token = await this.getAccessToken();
      const response = await fetch(
        '/api/auth/upgrade',
        withBearer({ method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(body) }, token),
      );
      if (!response.ok) return toApiError(response);
      this.#accept((await response.json()) as TokenResponse);
      return null;
    })();
    this.#upgrading = attempt;
    return attempt.finally(() => {
      if (this.#upgrading === attempt) this.#upgrading = null;
    });
  }

  /** Ends the session on the server; the local state is cleared even when the server cannot be told. */
  async signOut(): Promise<void> {
    let notice: string | null = null;
    try {
      const response = await fetch('/api/auth/logout', {
        method: 'POST',
        headers: this.#csrfHeaders(),
        credentials: 'same-origin',
      });
      if (!response.ok) notice = `Signed out here, but the server said: ${(await toApiError(response)).message}`;
    } catch {
      notice = 'Signed out here, but the server could not be reached to end the session.';
    }
    this.#forget(notice);
  }

  /** The signed-in user's profile as the server now has it (after a profile change). */
  updateUser(user: User): void {
    if (this.#state.status === 'signedIn' && this.#state.user.id === user.id) this.#setState({ status: 'signedIn', user });
  }

  /** Ends the session here when the server has already ended it (e.g. the hub's SessionRevoked). */
  end(notice: string): void {
    if (this.#state.status === 'signedIn') this.#forget(notice);
  }

  /**
   * A new access token from the refresh cookie. Concurrent callers share one request, because each
   * refresh rotates the cookie and a second one racing the first would present a spent token.
   * Resolves false when the session has ended (and signs out); rejects on transient failures.
   */
  refresh(): Promise<boolean> {
    this.#refreshing ??= this.#refreshAfter(this.#upgrading).finally(() => {
      this.#refreshing = null;
    });
    return this.#refreshing;
  }

  async #refreshAfter(upgrading: Promise<unknown> | null): Promise<boolean> {
    if (upgrading) await upgrading.catch(() => undefined);
    return this.#refresh();
  }

  async #refresh(): Promise<boolean> {
    const generation = this.#generation;
    const response = await fetch('/api/auth/refresh', {
      method: 'POST',
      headers: this.#csrfHeaders(),
      credentials: 'same-origin',
    });
    const answer = response.ok ? ((await response.json()) as TokenResponse) : await toApiError(response);
    // Signed out or signed in afresh meanwhile: this answer belongs to a session that is gone.
    if (generation !== this.#generation) return this.#token !== null;

    if (!(answer instanceof ApiError)) {
      this.#accept(answer, generation);
      return true;
    }
    if (answer.status === 401 || answer.status === 403 || endsSession(answer.code)) {
      const wasSignedIn = this.#state.status === 'signedIn';
      this.#forget(wasSignedIn ? 'Your session has ended. Sign in again.' : null);
      return false;
    }
    throw answer;
  }

  /** The token for a request, after any refresh already under way (the hub's accessTokenFactory fits here). */
  async getAccessToken(): Promise<string | null> {
    if (this.#refreshing) await this.#refreshing.catch(() => undefined);
    return this.#token;
  }

  /**
   * fetch with the bearer token; after a 401 it refreshes once (shared with other callers) and retries once.
   * `init.body` must be re-sendable (a string or FormData), as every body here is.
   */
  async authorizedFetch(path: string, init: RequestInit = {}): Promise<Response> {
    const token = await this.getAccessToken();
    const response = await fetch(path, withBearer(init, token));
    if (response.status !== 401 || token === null) return response;

    // Another caller may have refreshed while this request was out: use that token instead of rotating again.
    const renewed = this.#token !== null && this.#token !== token ? true : await this.refresh();
    const retryToken = this.#token;
    if (!renewed || retryToken === null) return response;
    return fetch(path, withBearer(init, retryToken));
  }

  /** Wakes a scheduled refresh that a sleeping or background tab missed. */
  refreshIfDue(): void {
    if (this.#token !== null && Date.now() >= this.#refreshAt) void this.refresh().catch(() => undefined);
  }

  /** Takes tokens from a sign-in (a new session) or from a refresh of the current one. */
  #accept(tokens: TokenResponse, refreshedGeneration?: number): void {
    if (refreshedGeneration === undefined) this.#generation++;
    this.#token = tokens.accessToken;
    this.#csrf = tokens.csrfToken;
    this.#schedule(refreshDelayMs(tokens.expiresIn));
    this.#setState({ status: 'signedIn', user: tokens.user });
  }

  #forget(notice: string | null): void {
    this.#generation++;
    this.#token = null;
    this.#csrf = null;
    this.#clearTimer();
    this.#setState({ status: 'signedOut', notice });
  }

  #schedule(delayMs: number): void {
    this.#clearTimer();
    this.#refreshAt = Date.now() + delayMs;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.refresh().catch(() => {
        if (this.#token !== null) this.#schedule(RETRY_DELAY_MS);
      });
    }, delayMs);
  }

  #clearTimer(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #csrfHeaders(): Record<string, string> {
    // The cookie first: another tab may have rotated the session since this tab last saw a token.
    const csrf = readCookie(CSRF_COOKIE) ?? this.#csrf;
    return csrf === null ? {} : { [CSRF_HEADER]: csrf };
  }

  #setState(state: SessionState): void {
    this.#state = state;
    for (const listener of this.#listeners) listener();
  }
}

/** Refresh well before expiry: a minute early for the usual 15 minutes, halfway for very short tokens. */
export function refreshDelayMs(expiresInSeconds: number): number {
  return Math.max(expiresInSeconds / 2, expiresInSeconds - 60) * 1000;
}

function withBearer(init: RequestInit, token: string | null): RequestInit {
  const headers = new Headers(init.headers);
  if (token !== null) headers.set('Authorization', `Bearer ${token}`);
  return { credentials: 'same-origin', ...init, headers };
}

const JSON_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json' };

async function postAuth<P extends keyof AuthRequests>(path: P, body: AuthRequests[P]): Promise<TokenResponse> {
  const response = await fetch(path, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify(body),
    credentials: 'same-origin',
  });
  if (!response.ok) throw await toApiError(response);
  return (await response.json()) as TokenResponse;
}

export function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return null;
}

/** The page's one session. */
export const session = new Session();
