// The one place that talks HTTP to the Api. Same origin: ChatRoom.Web proxies /api to it.
// Every call carries the session's bearer token and survives one expired token (see Session.authorizedFetch).
import { endsSession } from './errorCodes.ts';
import { toApiError } from './problems.ts';
import { session as defaultSession, type Session } from './session.ts';

export { ApiError, type ProblemDetails } from './problems.ts';

export interface RequestOptions {
  signal?: AbortSignal;
}

type Query = Record<string, string | number | null | undefined>;

export interface ApiClient {
  get<T>(path: string, options?: RequestOptions & { query?: Query }): Promise<T>;
  post<T>(path: string, body: unknown, options?: RequestOptions): Promise<T>;
  put<T>(path: string, body: unknown, options?: RequestOptions): Promise<T>;
  patch<T>(path: string, body: unknown, options?: RequestOptions): Promise<T>;
  delete(path: string, options?: RequestOptions): Promise<void>;
  /** A DELETE whose answer is the changed resource (e.g. a message after a reaction is taken back). */
  deleteWithAnswer<T>(path: string, options?: RequestOptions): Promise<T>;
  /** A multipart form (a file upload): the browser writes the Content-Type with its boundary. */
  postForm<T>(path: string, form: FormData, options?: RequestOptions): Promise<T>;
  /** A file the Api streams (e.g. an identity document), as bytes for an object URL. */
  getBlob(path: string, options?: RequestOptions): Promise<Blob>;
}

type Body = { json: unknown } | { form: FormData } | null;
type Read = 'json' | 'blob';

export function createApiClient(session: Session): ApiClient {
  async function send<T>(method: string, path: string, body: Body, options: RequestOptions, read: Read = 'json'): Promise<T> {
    const headers: Record<string, string> = { Accept: read === 'json' ? 'application/json' : '*/*' };
    if (body !== null && 'json' in body) headers['Content-Type'] = 'application/json';
    const response = await session.authorizedFetch(path, {
      method,
      headers,
      body: body === null ? null : 'json' in body ? JSON.stringify(body.json) : body.form,
      credentials: 'same-origin',
      signal: options.signal ?? null,
    });
    if (!response.ok) {
      const error = await toApiError(response);
      // Even after a refresh the server refuses this session (revoked, user deleted or banned): sign in again.
      if (endsSession(error.code)) session.end(error.message);
      throw error;
    }
    if (read === 'blob') return (await response.blob()) as T;
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  const json = (body: unknown): Body => ({ json: body });
  return {
    get: (path, options = {}) => send('GET', withQuery(path, options.query), null, options),
    post: (path, body, options = {}) => send('POST', path, json(body), options),
    put: (path, body, options = {}) => send('PUT', path, json(body), options),
    patch: (path, body, options = {}) => send('PATCH', path, json(body), options),
    delete: (path, options = {}) => send('DELETE', path, null, options),
    deleteWithAnswer: (path, options = {}) => send('DELETE', path, null, options),
    postForm: (path, form, options = {}) => send('POST', path, { form }, options),
    getBlob: (path, options = {}) => send<Blob>('GET', path, null, options, 'blob'),
  };
}

/** Leaves out empty values, so an unset filter is not sent as `action=`. */
export function withQuery(path: string, query: Query | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export const api = createApiClient(defaultSession);

export function getJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return api.get<T>(path, options);
}
