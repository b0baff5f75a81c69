// The network edge for tests: MSW answers the Api's HTTP calls. Every test starts with no handlers; a request
// nothing answers fails the test (see setup.ts).
import { http, HttpResponse, type HttpResponseResolver } from 'msw';
import { setupServer } from 'msw/node';

/**
 * What the signed-in shell and every chat header read on the side (the header's unread notifications, the
 * sidebar's lounges and conversations, a room's mute and unread counts): answered as "nothing yet" so tests about
 * other things need not; a test about them answers with mockApi, which comes first.
 */
const shellAnswers = [
  http.get('/api/lounges', () => HttpResponse.json([])),
  http.get('/api/conversations', () => HttpResponse.json([])),
  http.get('/api/me/notifications', () => HttpResponse.json({ items: [], nextCursor: null, unread: 0 })),
  http.get('/api/me/mutes', () => HttpResponse.json([])),
  http.get('/api/me/unread', () => HttpResponse.json([])),
  http.put('/api/rooms/:roomId/read', async ({ request, params }) => {
    const { seq } = (await request.json()) as { seq: number };
    return HttpResponse.json({ roomId: params.roomId, lastReadSeq: seq, unread: 0 });
  }),
];

export const server = setupServer(...shellAnswers);

export interface ApiRequest {
  method: string;
  path: string;
  url: URL;
  headers: Headers;
  credentials: RequestCredentials;
  /** The JSON body, parsed; a multipart form as its fields (files as type and size); undefined without one. */
  body: unknown;
}

/**
 * A file sent in a multipart form, as the test sees it. Not its name: the test DOM's File reaches Node's fetch as a
 * plain Blob, which is always sent as "blob".
 */
export interface SentFile {
  type: string;
  size: number;
}

export type Handler = (request: ApiRequest) => Response | Promise<Response>;

const METHODS = { GET: http.get, POST: http.post, PUT: http.put, PATCH: http.patch, DELETE: http.delete } as const;

/**
 * Answers "METHOD /path" (MSW path patterns, query ignored) with the given handlers, ahead of any answered before,
 * and records each request it answers, in order.
 */
export function mockApi(routes: Record<string, Handler>) {
  const requests: ApiRequest[] = [];
  const handlers = Object.entries(routes).map(([route, handler]) => {
    const [method = '', path = ''] = route.split(' ');
    const register = METHODS[method as keyof typeof METHODS];
    const resolve: HttpResponseResolver = async ({ request }) => {
      const url = new URL(request.url);
      const recorded: ApiRequest = {
        method: request.method,
        path: url.pathname,
        url,
        headers: request.headers,
        credentials: request.credentials,
        body: await bodyOf(request.clone()),
      };
      requests.push(recorded);
      return handler(recorded);
    };
    return register(path, resolve);
  });
  server.use(...handlers);
  return {
    requests,
    /** Path and query of each request, in order. */
    urls: () => requests.map((r) => r.path + r.url.search),
    /** The bodies sent to one path, in order (requests without one left out). */
    bodiesTo: (path: string) => requests.filter((r) => r.path === path && r.body !== undefined).map((r) => r.body),
  };
}

async function bodyOf(request: Request): Promise<unknown> {
  if (request.headers.get('Content-Type')?.startsWith('multipart/form-data')) {
    const fields: Record<string, string | SentFile> = {};
    for (const [name, value] of await request.formData()) {
      fields[name] = typeof value === 'string' ? value : { type: value.type, size: value.size };
    }
    return fields;
  }
  const text = await request.text();
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

/** Every request that reached the network in this test, answered or not: "METHOD /path". */
export const sentRequests: string[] = [];

server.events.on('request:start', ({ request }) => {
  sentRequests.push(`${request.method} ${new URL(request.url).pathname}`);
});
