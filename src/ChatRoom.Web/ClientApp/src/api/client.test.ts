import { describe, expect, it } from 'vitest';
import { problem } from '../test/fakeApi.ts';
import { mockApi } from '../test/server.ts';
import { api, ApiError, getJson, withQuery } from './client.ts';
import { describeError } from './problems.ts';

describe('getJson', () => {
  it('returns the parsed body of a successful answer', async () => {
    const server = mockApi({ 'GET /api/lounges': () => Response.json([{ id: '1' }]) });

    await expect(getJson<{ id: string }[]>('/api/lounges')).resolves.toEqual([{ id: '1' }]);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/lounges']);
  });

  it('turns a problem details answer into an ApiError carrying its code, detail and wait', async () => {
    mockApi({
      'GET /api/lounges': () =>
        problem(
          429,
          { title: 'Too many requests', detail: 'Slow down. Try again in 10 s.', code: 'lounges.rate_limited', retryAfter: 10 },
          { 'Retry-After': '10' },
        ),
    });

    const error = await getJson('/api/lounges').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(429);
    expect((error as ApiError).code).toBe('lounges.rate_limited');
    expect((error as ApiError).retryAfter).toBe(10);
    expect(describeError(error)).toBe('Slow down. Try again in 10 s.');
  });

  it('takes the wait from Retry-After when the problem has none', async () => {
    mockApi({ 'GET /api/lounges': () => new Response('', { status: 429, statusText: 'Too Many Requests', headers: { 'Retry-After': '7' } }) });

    const error = await getJson('/api/lounges').catch((e: unknown) => e);

    expect((error as ApiError).code).toBeNull();
    expect(describeError(error)).toBe('The server answered 429 Too Many Requests. Try again in 7 s.');
  });

  it('names the status when the answer is not JSON, as when the Api is down behind the proxy', async () => {
    mockApi({ 'GET /api/lounges': () => new Response('', { status: 502, statusText: 'Bad Gateway' }) });

    await expect(getJson('/api/lounges')).rejects.toThrow('The server answered 502 Bad Gateway.');
  });
});

describe('the Api client', () => {
  it('sends JSON bodies and answers nothing for 204', async () => {
    const server = mockApi({
      'DELETE /api/users/1': () => new Response(null, { status: 204 }),
      'PUT /api/users/1/role': () => new Response(null, { status: 204 }),
    });

    await expect(api.delete('/api/users/1')).resolves.toBeUndefined();
    await api.put('/api/users/1/role', { role: 'Admin' });

    const put = server.requests[1];
    expect(put?.method).toBe('PUT');
    expect(put?.body).toEqual({ role: 'Admin' });
    expect(put?.headers.get('Content-Type')).toBe('application/json');
  });

  it('leaves unset filters out of the query string', () => {
    expect(withQuery('/api/admin/audit', { action: '', actorId: null, cursor: 'a b', limit: 50 })).toBe(
      '/api/admin/audit?cursor=a+b&limit=50',
    );
  });
});
