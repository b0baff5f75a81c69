import { describe, expect, it, vi } from 'vitest';
import { api, ApiError, getJson, withQuery } from './client.ts';
import { describeError } from './problems.ts';

function stubFetch(response: Response) {
  const fetchMock = vi.fn<typeof fetch>().mockResolvedValue(response);
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

describe('getJson', () => {
  it('returns the parsed body of a successful answer', async () => {
    const fetchMock = stubFetch(Response.json([{ id: '1' }]));

    await expect(getJson<{ id: string }[]>('/api/lounges')).resolves.toEqual([{ id: '1' }]);
    expect(fetchMock).toHaveBeenCalledWith('/api/lounges', expect.objectContaining({ method: 'GET' }));
  });

  it('turns a problem details answer into an ApiError carrying its detail', async () => {
    stubFetch(
      Response.json(
        { title: 'Too many requests', status: 429, detail: 'Slow down.', code: 'lounges.rate_limited', retryAfter: 10 },
        { status: 429, headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '10' } },
      ),
    );

    const error = await getJson('/api/lounges').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(429);
    expect((error as ApiError).code).toBe('lounges.rate_limited');
    expect((error as ApiError).retryAfter).toBe(10);
    expect(describeError(error)).toBe('Slow down. Try again in 10 s.');
  });

  it('names the status when the answer is not JSON, as when the Api is down behind the proxy', async () => {
    stubFetch(new Response('', { status: 502, statusText: 'Bad Gateway' }));

    await expect(getJson('/api/lounges')).rejects.toThrow('The server answered 502 Bad Gateway.');
  });
});

describe('the Api client', () => {
  it('sends JSON bodies and answers nothing for 204', async () => {
    const fetchMock = stubFetch(new Response(null, { status: 204 }));

    await expect(api.delete('/api/users/1')).resolves.toBeUndefined();
    await api.put('/api/users/1/role', { role: 'Admin' }).catch(() => undefined);

    const [, init] = fetchMock.mock.calls[1] ?? [];
    expect(init?.method).toBe('PUT');
    expect(init?.body).toBe('{"role":"Admin"}');
    expect(new Headers(init?.headers).get('Content-Type')).toBe('application/json');
  });

  it('leaves unset filters out of the query string', () => {
    expect(withQuery('/api/admin/audit', { action: '', actorId: null, cursor: 'a b', limit: 50 })).toBe(
      '/api/admin/audit?cursor=a+b&limit=50',
    );
  });
});
