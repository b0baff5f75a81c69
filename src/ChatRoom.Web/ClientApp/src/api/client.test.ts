import { describe, expect, it } from 'vitest';
import { problem, setCookie, signedIn, tokens } from '../test/fakeApi.ts';
import { mockApi } from '../test/server.ts';
import { api, ApiError, createApiClient, getJson, withQuery } from './client.ts';
import { describeError } from './problems.ts';
import { CSRF_COOKIE } from './session.ts';

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

  it('sends a form as multipart with the bearer token, and sends it again after a refresh', async () => {
    const session = await signedIn('User', 'old');
    setCookie(CSRF_COOKIE, 'csrf-1');
    const server = mockApi({
      'POST /api/me/verification': ({ headers }) =>
        headers.get('Authorization') === 'Bearer new' ? Response.json({ status: 'Pending' }, { status: 201 }) : problem(401, {}),
      'POST /api/auth/refresh': () => tokens('new'),
    });
    const form = new FormData();
    form.append('document', new File(['%PDF-1.7'], 'id.pdf', { type: 'application/pdf' }));

    await expect(createApiClient(session).postForm('/api/me/verification', form)).resolves.toEqual({ status: 'Pending' });

    const uploads = server.requests.filter((r) => r.path === '/api/me/verification');
    expect(uploads.map((r) => r.headers.get('Authorization'))).toEqual(['Bearer old', 'Bearer new']);
    for (const upload of uploads) {
      expect(upload.headers.get('Content-Type')).toMatch(/^multipart\/form-data; boundary=/);
      expect(upload.body).toEqual({ document: { type: 'application/pdf', size: 8 } });
    }
  });

  it('reads a file as bytes, and a refusal as a problem with its code', async () => {
    const session = await signedIn('Moderator');
    mockApi({
      'GET /api/files/1': () => new Response(new Uint8Array([1, 2, 3]), { headers: { 'Content-Type': 'image/png' } }),
      'GET /api/files/2': () => problem(410, { code: 'identity.document_deleted', detail: 'Deleted.' }),
    });
    const client = createApiClient(session);

    const blob = await client.getBlob('/api/files/1');
    expect(blob.size).toBe(3);
    expect(blob.type).toBe('image/png');
    const error = await client.getBlob('/api/files/2').catch((e: unknown) => e);
    expect((error as ApiError).code).toBe('identity.document_deleted');
  });

  it('leaves unset filters out of the query string', () => {
    expect(withQuery('/api/admin/audit', { action: '', actorId: null, cursor: 'a b', limit: 50 })).toBe(
      '/api/admin/audit?cursor=a+b&limit=50',
    );
  });
});
