import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { MessageDto, ReplyPreview } from '../realtime/contracts.ts';
import { blocksApi, problem } from '../test/fakeApi.ts';
import { bob, cy, message } from '../test/fixtures.ts';
import { user } from '../test/render.tsx';
import { itemOf, renderRoomWith } from '../test/roomPage.tsx';
import { mockApi } from '../test/server.ts';

beforeEach(() => {
  blocksApi();
});

const toM1: ReplyPreview = { messageId: 'm1', seq: 1, author: bob, excerpt: 'shall we play?', deleted: false };
const original = message(1, 'shall we play?', bob, { replyCount: 3 });
const reply = (seq: number, content: string, overrides: Partial<MessageDto> = {}) => message(seq, content, cy, { replyTo: toM1, ...overrides });

/** The Api's thread of m1: two pages (after 0 and after seq 3). */
function threadApi() {
  return mockApi({
    'GET /api/messages/:id/thread': ({ url }) =>
      url.searchParams.get('after') === '3'
        ? Response.json({ original, replies: [reply(4, 'third reply')], hasMore: false })
        : Response.json({ original, replies: [reply(2, 'first reply'), reply(3, 'second reply')], hasMore: true }),
  });
}

async function openThread() {
  const room = await renderRoomWith([original]);
  await user.click(within(room.log).getByRole('button', { name: '3 replies, open thread' }));
  const thread = await screen.findByRole('complementary', { name: 'Thread' });
  await within(thread).findByText('first reply');
  return { ...room, thread };
}

const texts = (thread: HTMLElement) =>
  [...thread.querySelectorAll('.thread-replies .message-text')].map((e) => e.textContent);

describe('the thread panel', () => {
  it('shows the original and its replies oldest first, loads more, and takes the focus', async () => {
    const api = threadApi();
    const { thread } = await openThread();

    expect(document.activeElement).toBe(within(thread).getByRole('heading', { level: 2, name: 'Thread' }));
    expect(within(thread).getByText('shall we play?')).toBeTruthy();
    expect(texts(thread)).toEqual(['first reply', 'second reply']);

    await user.click(within(thread).getByRole('button', { name: 'Load more replies' }));
    await within(thread).findByText('third reply');
    expect(texts(thread)).toEqual(['first reply', 'second reply', 'third reply']);
    expect(within(thread).queryByRole('button', { name: 'Load more replies' })).toBeNull();
    expect(api.urls()).toEqual(['/api/messages/m1/thread?limit=50', '/api/messages/m1/thread?after=3&limit=50']);
  });

  it('merges a reply arriving live in the room, and an edit of one', async () => {
    mockApi({ 'GET /api/messages/:id/thread': () => Response.json({ original, replies: [reply(2, 'first reply')], hasMore: false }) });
    const { thread, raise } = await openThread();

    raise('MessageCreated', reply(7, 'live reply'));
    raise('MessageCreated', message(8, 'not a reply', cy));
    raise('MessageUpdated', reply(2, 'first reply, edited', { changeSeq: 9, editedAt: '2025-01-01T10:02:00Z' }));

    await within(thread).findByText('live reply');
    await within(thread).findByText('first reply, edited');
    expect(texts(thread)).toEqual(['first reply, edited', 'live reply']);
    // Sent again by the server (the same reply): still once.
    raise('MessageCreated', reply(7, 'live reply'));
    expect(texts(thread)).toEqual(['first reply, edited', 'live reply']);
  });

  it('sends from its own composer as a reply to the original', async () => {
    mockApi({ 'GET /api/messages/:id/thread': () => Response.json({ original, replies: [reply(2, 'first reply')], hasMore: false }) });
    const { thread, sends } = await openThread();

    await user.type(within(thread).getByRole('textbox', { name: 'Reply in thread' }), 'count me in');
    await user.click(within(thread).getByRole('button', { name: 'Send reply' }));

    await waitFor(() => {
      expect(sends()).toHaveLength(1);
    });
    expect(sends()[0]?.method).toBe('SendMessageWith');
    expect(sends()[0]?.args[1]).toBe('count me in');
    expect(sends()[0]?.args[3]).toEqual({ replyToId: 'm1', attachmentIds: null });
    // Acknowledged, it is a reply in the room, so in the thread too.
    await waitFor(() => {
      expect(texts(thread)).toEqual(['first reply', 'count me in']);
    });
  });

  it('closes with Escape and with Close thread, giving focus back to what opened it', async () => {
    mockApi({ 'GET /api/messages/:id/thread': () => Response.json({ original, replies: [reply(2, 'first reply')], hasMore: false }) });
    const { thread, log } = await openThread();

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('complementary', { name: 'Thread' })).toBeNull();
    const opener = within(log).getByRole('button', { name: '3 replies, open thread' });
    expect(document.activeElement).toBe(opener);
    expect(thread.isConnected).toBe(false);

    await user.click(opener);
    const again = await screen.findByRole('complementary', { name: 'Thread' });
    await user.click(within(again).getByRole('button', { name: 'Close thread' }));
    expect(screen.queryByRole('complementary', { name: 'Thread' })).toBeNull();
  });

  it('says so when the original is gone', async () => {
    mockApi({ 'GET /api/messages/:id/thread': () => problem(404, { code: 'message.not_found', detail: 'There is no such message.' }) });
    const { log } = await renderRoomWith([reply(2, 'orphan', { replyTo: { ...toM1, messageId: 'm-gone' } })]);

    await user.click(within(itemOf(log, 'orphan')).getByRole('button', { name: 'Reply to Bob: shall we play?' }));

    const thread = await screen.findByRole('complementary', { name: 'Thread' });
    expect((await within(thread).findByRole('alert')).textContent).toBe('This message is no longer available.');
    expect(within(thread).getByRole('textbox', { name: 'Reply in thread' })).toBeTruthy();
    expect(within(thread).getByRole('button', { name: 'Send reply' }).hasAttribute('disabled')).toBe(true);
  });
});
