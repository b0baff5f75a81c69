// The network edge for tests: MSW answers the Api's HTTP calls. Every test starts with no handlers; a request
// nothing answers fails the test (see setup.ts).
import { http, type HttpResponseResolver } from 'msw';
import { setupServer } from 'msw/node';

export const server = setupServer();

export interface ApiRequest {
  method: string;
  path: string;
  url: URL;
  headers: Headers;
  credentials: RequestCredentials;
  /** The JSON body, parsed; undefined without one. */
  body: unknown;
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
      const text = await request.clone().text();
      const url = new URL(request.url);
      const recorded: ApiRequest = {
        method: request.method,
        path: url.pathname,
        url,
        headers: request.headers,
        credentials: request.credentials,
        body: text === '' ? undefined : (JSON.parse(text) as unknown),
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

/** Every request that reached the network in this test, answered or not: "METHOD /path". */
export const sentRequests: string[] = [];

server.events.on('request:start', ({ request }) => {
  sentRequests.push(`${request.method} ${new URL(request.url).pathname}`);
});
