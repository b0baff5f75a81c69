import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { MessageDto } from '../realtime/contracts.ts';
import { HubEvents } from '../realtime/hubEvents.ts';
import { blocksApi, signedIn } from '../test/fakeApi.ts';
import { fakeConnection } from '../test/fakeHub.ts';
import { bob, cy, joinResult, me, message } from '../test/fixtures.ts';
import { fill, renderWithProviders, user } from '../test/render.tsx';
import { mockApi } from '../test/server.ts';
import { RoomPage } from './RoomPage.tsx';

beforeEach(() => {
  blocksApi();
});

const today = (hh: number, mm: number) => {
  const date = new Date();
  date.setHours(hh, mm, 0, 0);
  return { createdAt: date.toISOString() };
};

async function renderRoom(messages: MessageDto[]) {
  const session = await signedIn('User');
  const fake = fakeConnection(session, (method) =>
    Promise.resolve(method === 'JoinRoom' ? joinResult({ messages, changeSeq: messages.at(-1)?.seq ?? 0 }) : undefined),
  );
  renderWithProviders(<RoomPage roomId="r1" />, { session, connection: fake.connection, path: '/rooms/r1' });
  await screen.findByRole('heading', { level: 1, name: 'English' });
  const log = screen.getByRole('log', { name: 'Messages' });
  await within(log).findByText(messages.at(-1)?.content ?? '');
  return { ...fake, log };
}

const itemOf = (log: HTMLElement, text: string) => within(log).getByText(text).closest('li') as HTMLElement;

describe('the chat’s message list', () => {
  it('shows a run of one author’s messages under one name, each still its own item with its own actions', async () => {
    const { log } = await renderRoom([message(1, 'first', bob, today(0, 1)), message(2, 'second', bob, today(0, 2)), message(3, 'third', cy, today(0, 3))]);

    const first = itemOf(log, 'first');
    const second = itemOf(log, 'second');
    expect(within(first).getByText('Bob', { selector: '.message-author' })).toBeTruthy();
    expect(within(second).queryByText('Bob', { selector: '.message-author' })).toBeNull();
    // Read on its own, the follow-up still says who wrote it.
    expect(second.textContent).toContain('Bob');
    expect(within(second).getByRole('button', { name: /^Report Bob's message/ })).toBeTruthy();
    expect(within(itemOf(log, 'third')).getByText('Cy', { selector: '.message-author' })).toBeTruthy();
    expect(within(log).getAllByRole('listitem')).toHaveLength(3);
  });

  it('separates the days with named separators that are not messages', async () => {
    const { log } = await renderRoom([message(1, 'long ago', bob), message(2, 'just now', bob, today(0, 5))]);

    const separators = within(log).getAllByRole('separator');
    expect(separators.map((s) => s.getAttribute('aria-label'))).toEqual([
      new Date('2025-01-01T10:00:00Z').toLocaleDateString(undefined, { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' }),
      'Today',
    ]);
    expect(within(log).getAllByRole('listitem')).toHaveLength(2);
  });

  it('puts "New messages" above the first message after the read marker the room was opened with', async () => {
    mockApi({ 'GET /api/me/unread': () => Response.json([{ roomId: 'r1', lastReadSeq: 1, unread: 2 }]) });
    const { log } = await renderRoom([message(1, 'read', bob, today(0, 1)), message(2, 'new one', bob, today(0, 2)), message(3, 'newer', bob, today(0, 3))]);

    const divider = await within(log).findByRole('separator', { name: 'New messages' });
    const rows = [...log.children];
    expect(rows.indexOf(divider)).toBe(rows.indexOf(itemOf(log, 'new one')) - 1);
  });

  it('offers "Jump to latest" once scrolled up, says how many came since, and goes down when pressed', async () => {
    const { log, raise } = await renderRoom([message(1, 'one', bob, today(0, 1))]);
    const scroller = log.parentElement as HTMLElement;
    Object.defineProperty(scroller, 'scrollHeight', { configurable: true, value: 2000 });
    Object.defineProperty(scroller, 'clientHeight', { configurable: true, value: 500 });
    expect(screen.queryByRole('button', { name: /^Jump to latest/ })).toBeNull();

    scroller.scrollTop = 300;
    fireEvent.scroll(scroller);
    expect(screen.getByRole('button', { name: 'Jump to latest' })).toBeTruthy();
    raise(HubEvents.MessageCreated, message(2, 'two', cy, today(0, 2)));
    expect(screen.getByRole('button', { name: 'Jump to latest, 1 new message' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: /^Jump to latest/ }));
    expect(scroller.scrollTop).toBe(2000);
    fireEvent.scroll(scroller);
    expect(screen.queryByRole('button', { name: /^Jump to latest/ })).toBeNull();
  });
});

describe('the chat from the keyboard', () => {
  it('edits one’s last message with Up in the empty composer; Escape goes back to the composer', async () => {
    const { log } = await renderRoom([message(1, 'older mine', me, today(0, 1)), message(2, 'last mine', me, today(0, 2)), message(3, 'theirs', bob, today(0, 3))]);
    const composer = screen.getByRole('textbox', { name: 'Message' });
    composer.focus();

    await user.keyboard('{ArrowUp}');
    const editor = within(itemOf(log, 'older mine').nextElementSibling as HTMLElement).getByRole('textbox', { name: 'Edit message' });
    expect((editor as HTMLTextAreaElement).value).toBe('last mine');
    expect(document.activeElement).toBe(editor);

    await user.keyboard('{Escape}');
    expect(within(log).queryByRole('textbox', { name: 'Edit message' })).toBeNull();
    expect(document.activeElement).toBe(composer);
  });

  it('keeps Up for the caret when the composer has text', async () => {
    const { log } = await renderRoom([message(1, 'mine', me, today(0, 1))]);
    const composer = screen.getByRole('textbox', { name: 'Message' });
    await fill(composer, 'draft');

    await user.keyboard('{ArrowUp}');
    expect(within(log).queryByRole('textbox', { name: 'Edit message' })).toBeNull();
  });

  it('gives focus back to Edit when the editor it opened is cancelled', async () => {
    const { log } = await renderRoom([message(1, 'mine', me, today(0, 1))]);
    const edit = within(itemOf(log, 'mine')).getByRole('button', { name: /^Edit your message/ });

    await user.click(edit);
    await user.click(within(log).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => {
      expect(document.activeElement).toBe(within(log).getByRole('button', { name: /^Edit your message/ }));
    });
  });
});
