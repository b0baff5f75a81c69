import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ReplyPreview } from '../realtime/contracts.ts';
import { blocksApi, signedIn } from '../test/fakeApi.ts';
import { fakeConnection, hubException } from '../test/fakeHub.ts';
import { bob, cy, joinResult, me, message } from '../test/fixtures.ts';
import { renderWithProviders, user } from '../test/render.tsx';
import { ackFor, itemOf, renderRoomWith } from '../test/roomPage.tsx';
import { RoomPage } from './RoomPage.tsx';
import { mockApi } from '../test/server.ts';

beforeEach(() => {
  blocksApi();
});

const quoteOf = (seq: number, excerpt: string, deleted = false): ReplyPreview => ({
  messageId: `m${String(seq)}`,
  seq,
  author: bob,
  excerpt,
  deleted,
});

describe('replies', () => {
  it('replies from a message’s Reply: the composer says to whom, and the send carries replyToId', async () => {
    const { log, sends } = await renderRoomWith([message(1, 'who is here?', bob)]);

    await user.click(within(itemOf(log, 'who is here?')).getByRole('button', { name: 'Reply' }));

    const box = screen.getByRole('textbox', { name: 'Message' });
    expect(document.activeElement).toBe(box);
    const bar = screen.getByRole('group', { name: 'Replying to Bob' });
    expect(bar.textContent).toContain('who is here?');
    await user.type(box, 'me!{Enter}');

    await waitFor(() => {
      expect(sends()).toHaveLength(1);
    });
    const [roomId, content, clientMessageId, extras] = sends()[0]?.args ?? [];
    expect(sends()[0]?.method).toBe('SendMessageWith');
    expect([roomId, content, typeof clientMessageId]).toEqual(['r1', 'me!', 'string']);
    expect(extras).toEqual({ replyToId: 'm1', attachmentIds: null });
    expect(screen.queryByRole('group', { name: 'Replying to Bob' })).toBeNull();
    // The sent reply quotes its original.
    expect(await within(log).findByRole('button', { name: 'Reply to Bob: who is here?' })).toBeTruthy();
  });

  it('leaves reply mode with Cancel reply or Escape, and then sends a plain message', async () => {
    const { log, sends } = await renderRoomWith([message(1, 'hello', bob)]);
    const reply = within(itemOf(log, 'hello')).getByRole('button', { name: 'Reply' });

    await user.click(reply);
    await user.click(screen.getByRole('button', { name: 'Cancel reply' }));
    expect(screen.queryByRole('group', { name: /^Replying to/ })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message' }));

    await user.click(reply);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('group', { name: /^Replying to/ })).toBeNull();

    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'plain{Enter}');
    await waitFor(() => {
      expect(sends().map((s) => s.method)).toEqual(['SendMessage']);
    });
  });

  it('shows a reply’s quote with the original’s author and text, or that the original was deleted', async () => {
    const { log } = await renderRoomWith([
      message(5, 'sure', cy, { replyTo: quoteOf(1, 'anyone up for chess?') }),
      message(6, 'too late', cy, { replyTo: quoteOf(2, '', true) }),
    ]);

    const quote = within(itemOf(log, 'sure')).getByRole('button', { name: 'Reply to Bob: anyone up for chess?' });
    expect(quote.textContent).toContain('Bob');
    expect(within(itemOf(log, 'too late')).getByText('Original message deleted')).toBeTruthy();
    expect(within(itemOf(log, 'too late')).queryByRole('button', { name: /^Reply to/ })).toBeNull();
  });

  it('follows the original live: its reply count, an edit and a deletion', async () => {
    const original = message(1, 'first words', bob);
    const { log, raise } = await renderRoomWith([original, message(2, 'a reply', cy, { replyTo: quoteOf(1, 'first words') })]);

    raise('MessageUpdated', { ...original, changeSeq: 3, replyCount: 1 });
    expect(await within(log).findByRole('button', { name: '1 reply, open thread' })).toBeTruthy();
    raise('MessageUpdated', { ...original, changeSeq: 4, replyCount: 3 });
    expect(await within(log).findByRole('button', { name: '3 replies, open thread' })).toBeTruthy();

    raise('MessageUpdated', { ...original, changeSeq: 5, replyCount: 3, content: 'better words', editedAt: '2025-01-01T10:01:00Z' });
    expect(await within(itemOf(log, 'a reply')).findByRole('button', { name: 'Reply to Bob: better words' })).toBeTruthy();

    raise('MessageDeleted', { roomId: 'r1', messageId: 'm1', seq: 1, changeSeq: 6 });
    expect(await within(itemOf(log, 'a reply')).findByText('Original message deleted')).toBeTruthy();
  });

  it('opens the thread from a quote whose original is not loaded', async () => {
    mockApi({
      'GET /api/messages/:id/thread': () =>
        Response.json({ original: message(1, 'from long ago', bob), replies: [message(40, 'late reply', me, { replyTo: quoteOf(1, 'from long ago') })], hasMore: false }),
    });
    const { log } = await renderRoomWith([message(40, 'late reply', me, { replyTo: quoteOf(1, 'from long ago') })]);

    await user.click(within(log).getByRole('button', { name: 'Reply to Bob: from long ago' }));

    const thread = await screen.findByRole('complementary', { name: 'Thread' });
    expect(await within(thread).findByText('from long ago')).toBeTruthy();
  });

  it('marks the original when its quote is activated and it is loaded', async () => {
    const { log } = await renderRoomWith([message(1, 'the question', bob), message(2, 'the answer', cy, { replyTo: quoteOf(1, 'the question') })]);

    await user.click(within(log).getByRole('button', { name: 'Reply to Bob: the question' }));

    expect(itemOf(log, 'the question').querySelector('.message-highlighted')).not.toBeNull();
    expect(screen.queryByRole('complementary', { name: 'Thread' })).toBeNull();
  });

  it('retries a refused reply with the same clientMessageId and the same original, quoting it meanwhile', async () => {
    const session = await signedIn('User');
    let calls = 0;
    const fake = fakeConnection(session, (method) => {
      if (method === 'JoinRoom') return Promise.resolve(joinResult({ messages: [message(1, 'ping', bob)], changeSeq: 1 }));
      if (method !== 'SendMessageWith') return Promise.resolve(undefined);
      return ++calls === 1
        ? Promise.reject(hubException('SendMessageWith', 'chat.rate_limited', 'You are sending too fast.'))
        : Promise.resolve(ackFor(1));
    });
    renderWithProviders(<RoomPage roomId="r1" />, { session, connection: fake.connection, path: '/rooms/r1' });
    const log = await screen.findByRole('log', { name: 'Messages' });
    await within(log).findByText('ping');
    await user.click(within(itemOf(log, 'ping')).getByRole('button', { name: 'Reply' }));
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'pong{Enter}');

    const failed = (await within(log).findByText('Not sent: You are sending too fast.')).closest('li') as HTMLElement;
    expect(within(failed).getByText('Bob').closest('.reply-quote')?.textContent).toContain('ping');
    await user.click(within(failed).getByRole('button', { name: 'Retry' }));

    await waitFor(() => {
      expect(calls).toBe(2);
    });
    const [first, second] = fake.invocations.filter((i) => i.method === 'SendMessageWith');
    expect(second?.args).toEqual(first?.args);
    expect(second?.args[3]).toEqual({ replyToId: 'm1', attachmentIds: null });
  });
});
