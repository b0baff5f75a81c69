import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SearchHit, SearchResultsPage } from '../api/search.ts';
import { problem, signedIn } from '../test/fakeApi.ts';
import { fakeConnection } from '../test/fakeHub.ts';
import { bob, dee, message } from '../test/fixtures.ts';
import { renderApp, user } from '../test/render.tsx';
import { mockApi, type Handler } from '../test/server.ts';

const inEnglish: SearchHit = {
  message: message(1, 'hello world from the lounge', bob),
  roomName: 'English',
  roomKind: 'Lounge',
  snippet: [
    { text: 'hello ', match: false },
    { text: 'world', match: true },
    { text: ' from the lounge', match: false },
  ],
};

const inConversation: SearchHit = {
  message: message(2, 'the whole world, privately', dee, { roomId: 'c1' }),
  roomName: 'Conversation',
  roomKind: 'Conversation',
  snippet: [
    { text: 'the whole ', match: false },
    { text: 'world', match: true },
    { text: ', privately', match: false },
  ],
};

const later: SearchHit = {
  message: message(3, 'world again', bob),
  roomName: 'English',
  roomKind: 'Lounge',
  snippet: [
    { text: 'world', match: true },
    { text: ' again', match: false },
  ],
};

/** The app signed in at `path`; the search answered by `answer` (every search request is recorded). */
async function renderAt(path: string, answer: Handler) {
  const api = mockApi({ 'GET /api/search/messages': answer });
  const session = await signedIn('User');
  renderApp({ session, connection: fakeConnection(session).connection, path });
  await screen.findByRole('heading', { level: 1, name: 'Search' });
  return { searches: () => api.requests.filter((r) => r.path === '/api/search/messages').map((r) => Object.fromEntries(r.url.searchParams)) };
}

/** The alert that says `text` (the shell keeps an empty one for moderators' notices). */
async function findAlert(text: string): Promise<HTMLElement> {
  return waitFor(() => {
    const alert = screen.getAllByRole('alert').find((a) => a.textContent.includes(text));
    if (!alert) throw new Error(`No alert says "${text}".`);
    return alert;
  });
}

const page = (hits: SearchHit[], nextCursor: string | null = null) => Response.json({ hits, nextCursor } satisfies SearchResultsPage);

async function searchFor(words: string) {
  const form = screen.getByRole('search', { name: 'Messages' });
  const input = within(form).getByRole('searchbox', { name: 'Search messages' });
  await user.clear(input);
  await user.type(input, words);
  await user.click(within(form).getByRole('button', { name: 'Search' }));
}

describe('message search', () => {
  it('searches as submitted: matched words marked, each hit linked to its room or conversation', async () => {
    const { searches } = await renderAt('/search', () => page([inEnglish, inConversation]));
    expect(screen.queryByRole('list', { name: 'Search results' })).toBeNull();
    expect(searches()).toEqual([]);

    await searchFor('world');

    const results = await screen.findByRole('list', { name: 'Search results' });
    expect(results.tagName).toBe('OL');
    expect(screen.getByRole('status').textContent).toBe('2 results');
    expect(window.location.pathname + window.location.search).toBe('/search?q=world');
    expect(searches()).toEqual([{ q: 'world', limit: '20' }]);

    const [first, second] = within(results).getAllByRole('listitem');
    if (!first || !second) throw new Error('Two hits expected.');
    const roomLink = within(first).getByRole('link', { name: 'hello world from the lounge' });
    expect(roomLink.getAttribute('href')).toBe('/rooms/r1');
    expect(within(roomLink).getByText('world').tagName).toBe('MARK');
    expect(first.textContent).toContain('#English');
    expect(first.textContent).toContain('Bob');
    expect(first.querySelector('time')?.getAttribute('dateTime')).toBe('2025-01-01T10:00:00Z');

    const conversationLink = within(second).getByRole('link', { name: 'the whole world, privately' });
    expect(conversationLink.getAttribute('href')).toBe('/conversations/c1');
    expect(second.textContent).toContain('Direct message');
    expect(second.textContent).toContain('dee'); // no display name: the user name
    expect([...results.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['world', 'world']);
  });

  it('runs the search in the address on load, and keeps the room it is limited to until told otherwise', async () => {
    const { searches } = await renderAt('/search?q=world&roomId=r1', ({ url }) =>
      page(url.searchParams.has('roomId') ? [inEnglish] : [inEnglish, inConversation]),
    );

    expect(await screen.findByRole('status')).toBeTruthy();
    await waitFor(() => {
      expect(screen.getByRole('status').textContent).toBe('1 result');
    });
    expect(screen.getByRole<HTMLInputElement>('searchbox', { name: 'Search messages' }).value).toBe('world');
    expect(screen.getByText('In this room only')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Search everywhere' }));

    await waitFor(() => {
      expect(screen.getByRole('status').textContent).toBe('2 results');
    });
    expect(window.location.search).toBe('?q=world');
    expect(screen.queryByText('In this room only')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('searchbox', { name: 'Search messages' }));
    expect(searches()).toEqual([
      { q: 'world', roomId: 'r1', limit: '20' },
      { q: 'world', limit: '20' },
    ]);
  });

  it('keeps each search in the history: back shows the one before', async () => {
    await renderAt('/search', ({ url }) => page(url.searchParams.get('q') === 'world' ? [inEnglish, inConversation] : [later]));

    await searchFor('world');
    await waitFor(() => {
      expect(screen.getByRole('status').textContent).toBe('2 results');
    });
    await searchFor('again');
    await waitFor(() => {
      expect(screen.getByRole('status').textContent).toBe('1 result');
    });
    expect(window.location.search).toBe('?q=again');

    window.history.back();

    await waitFor(() => {
      expect(window.location.search).toBe('?q=world');
    });
    await waitFor(() => {
      expect(screen.getByRole('status').textContent).toBe('2 results');
    });
    expect(screen.getByRole<HTMLInputElement>('searchbox', { name: 'Search messages' }).value).toBe('world');
  });

  it('offers to try again when the server could not answer', async () => {
    let calls = 0;
    await renderAt('/search?q=world', () => (++calls === 1 ? problem(503, { code: 'request.unavailable', detail: 'Busy.' }) : page([inEnglish])));

    const alert = await findAlert('Could not search');
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));

    expect(await screen.findByRole('link', { name: 'hello world from the lounge' })).toBeTruthy();
    expect(screen.queryByText(/Could not search/)).toBeNull();
  });

  it('shows more results from the next cursor', async () => {
    const { searches } = await renderAt('/search?q=world', ({ url }) =>
      url.searchParams.get('cursor') === 'page-2' ? page([later]) : page([inEnglish, inConversation], 'page-2'),
    );

    const results = await screen.findByRole('list', { name: 'Search results' });
    await user.click(screen.getByRole('button', { name: 'Show more results' }));

    const next = await within(results).findByRole('link', { name: 'world again' });
    await waitFor(() => {
      expect(document.activeElement).toBe(next);
    });
    expect(within(results).getAllByRole('listitem')).toHaveLength(3);
    expect(screen.getByRole('status').textContent).toBe('3 results');
    expect(screen.queryByRole('button', { name: 'Show more results' })).toBeNull();
    expect(searches()).toEqual([
      { q: 'world', limit: '20' },
      { q: 'world', cursor: 'page-2', limit: '20' },
    ]);
  });

  it('says when nothing was found', async () => {
    await renderAt('/search', () => page([]));

    await searchFor('"no such phrase"');

    await waitFor(() => {
      expect(screen.getByRole('status').textContent).toBe('No messages found for “"no such phrase"”.');
    });
    expect(screen.queryByRole('list', { name: 'Search results' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Show more results' })).toBeNull();
  });

  it('explains a search the server refuses, by its code', async () => {
    await renderAt('/search', () => problem(400, { code: 'search.query_invalid', detail: 'Wording that may change.' }));

    await searchFor('-only');

    const alert = await findAlert('This search cannot be run.');
    expect(alert.textContent).not.toContain('Wording that may change.');
    expect(within(alert).queryByRole('button', { name: 'Try again' })).toBeNull();
    expect(screen.queryByRole('list', { name: 'Search results' })).toBeNull();
  });

  it('says so for a room the user cannot read', async () => {
    await renderAt('/search?q=world&roomId=secret', () => problem(404, { code: 'room.not_found', detail: 'No such room.' }));

    expect(await findAlert('This room does not exist, or you cannot read it.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Search everywhere' })).toBeTruthy();
  });

  it('shows markup in a message as the characters it is', async () => {
    const markup: SearchHit = {
      ...inEnglish,
      message: message(4, '<img src=x onerror=alert(1)> <b>world</b>', bob),
      snippet: [
        { text: '<img src=x onerror=alert(1)> <b>', match: false },
        { text: 'world', match: true },
        { text: '</b>', match: false },
      ],
    };
    await renderAt('/search?q=world', () => page([markup]));

    const results = await screen.findByRole('list', { name: 'Search results' });
    const link = within(results).getByRole('link', { name: '<img src=x onerror=alert(1)> <b>world</b>' });
    expect(results.querySelector('img, b')).toBeNull();
    expect([...link.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['world']);
  });

  it('asks for words before searching, and does not call the Api for an empty search', async () => {
    const { searches } = await renderAt('/search', () => page([]));

    await searchFor('   ');

    const input = screen.getByRole('searchbox', { name: 'Search messages' });
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(input);
    expect(screen.getByText('Enter the words to search for.')).toBeTruthy();
    expect(searches()).toEqual([]);
  });

  it('is linked from the main navigation', async () => {
    await renderAt('/search', () => page([]));

    const link = within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Search' });
    expect(link.getAttribute('href')).toBe('/search');
    expect(link.getAttribute('aria-current')).toBe('page');
    expect(document.title).toBe('Search · ChatRoom');
  });
});
