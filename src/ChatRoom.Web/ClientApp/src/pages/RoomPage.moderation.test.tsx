import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Role } from '../api/session.ts';
import { HubEvents } from '../realtime/hubEvents.ts';
import type { JoinRoomResult } from '../realtime/contracts.ts';
import { fakeConnection, hubException, type Invoke } from '../test/fakeHub.ts';
import { blocksApi, problem, signedIn } from '../test/fakeApi.ts';
import { fill, renderWithProviders, user } from '../test/render.tsx';
import { mockApi, type Handler } from '../test/server.ts';
import { bob, boss, joinResult, me, message, roomInfo } from '../test/fixtures.ts';
import { RoomPage } from './RoomPage.tsx';

// Every chat view (and the profile) reads the people the member blocked; none unless a test says otherwise.
beforeEach(() => {
  blocksApi();
});



const room = roomInfo;

function joined(overrides: Partial<JoinRoomResult> = {}): JoinRoomResult {
  return joinResult({ messages: [message(1, 'hi from bob', bob), message(2, 'orders from the boss', boss)], changeSeq: 2, ...overrides });
}

async function renderRoom(role: Role, routes: Record<string, Handler> = {}, invoke?: Invoke, join = joined()) {
  const api = mockApi(routes);
  const session = await signedIn(role);
  const fake = fakeConnection(session, (method, args) =>
    method === 'JoinRoom' ? Promise.resolve(join) : (invoke?.(method, args) ?? Promise.resolve(undefined)),
  );
  const { location } = renderWithProviders(<RoomPage roomId="r1" />, { session, connection: fake.connection, path: '/rooms/r1' });
  await screen.findByRole('heading', { name: 'English' });
  return { ...fake, api, location };
}

function messageItem(text: string) {
  return within(screen.getByRole('log')).getByText(text).closest('li') as HTMLElement;
}

describe('reporting from the chat', () => {
  it('reports a message with a reason in a dialog and says it was received', async () => {
    const { api } = await renderRoom('User', {
      'POST /api/reports': () => Response.json({ id: 'rep1' }, { status: 201 }),
    });
    const opener = within(messageItem('hi from bob')).getByRole('button', { name: /^Report Bob's message/ });
    opener.focus();
    await user.click(opener);

    const dialog = screen.getByRole('dialog', { name: "Report Bob's message" });
    const reason = within(dialog).getByLabelText('Reason');
    expect(document.activeElement).toBe(reason);
    await user.click(within(dialog).getByRole('button', { name: 'Send report' }));
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(api.bodiesTo('/api/reports')).toEqual([]);

    await fill(reason, 'Spam links');
    await user.click(within(dialog).getByRole('button', { name: 'Send report' }));
    expect((await within(dialog).findByRole('status')).textContent).toBe('Thank you. Your report is with the moderators.');
    expect(api.bodiesTo('/api/reports')[0]).toEqual({ messageId: 'm1', reason: 'Spam links' });

    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('says so when the user already reported the same person, and closes on Escape', async () => {
    const { api } = await renderRoom('User', {
      'POST /api/reports': () => problem(409, { title: 'Conflict', detail: 'You already have an open report on this user.' }),
    });
    const online = screen.getByRole('complementary', { name: 'Online' });
    await user.click(within(online).getByRole('button', { name: 'Report Bob' }));
    const dialog = screen.getByRole('dialog', { name: 'Report Bob' });
    await fill(within(dialog).getByLabelText('Reason'), 'Insults');
    await user.click(within(dialog).getByRole('button', { name: 'Send report' }));

    expect((await within(dialog).findByRole('status')).textContent).toMatch(/^You already reported this/);
    expect(api.bodiesTo('/api/reports')[0]).toEqual({ userId: 'id-bob', reason: 'Insults' });
    // The form has gone; the keyboard is on the one button left, inside the dialog.
    await waitFor(() => {
      expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Close' }));
    });
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows the server’s complaint about the reason next to the field', async () => {
    await renderRoom('User', {
      'POST /api/reports': () => problem(400, { errors: { Reason: ['Reason must be 1-1000 characters.'] } }),
    });
    await user.click(within(messageItem('hi from bob')).getByRole('button', { name: /^Report/ }));
    const dialog = screen.getByRole('dialog');
    const reason = within(dialog).getByLabelText('Reason');
    await fill(reason, 'x');
    await user.click(within(dialog).getByRole('button', { name: 'Send report' }));
    await waitFor(() => {
      expect(reason.getAttribute('aria-invalid')).toBe('true');
    });
    expect(within(dialog).getByText('Reason must be 1-1000 characters.')).toBeTruthy();
  });

  it('offers no moderator tools to a user', async () => {
    await renderRoom('User');
    const item = messageItem('hi from bob');
    expect(within(item).queryByRole('button', { name: /^Delete/ })).toBeNull();
    expect(within(item).queryByRole('button', { name: /^Mute/ })).toBeNull();
  });
});

describe('moderator tools in the chat', () => {
  it('deletes anyone’s message and mutes or kicks authors who are not admins', async () => {
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const { api } = await renderRoom('Moderator', {
      'DELETE /api/messages/m1': () => new Response(null, { status: 204 }),
      'POST /api/admin/moderation/actions': () => Response.json({ id: 'a1' }, { status: 201 }),
    });
    const bobs = messageItem('hi from bob');
    const mute = await within(bobs).findByRole('button', { name: 'Mute Bob for 10 minutes' });
    await user.click(mute);
    await waitFor(() => {
      expect(screen.getByText('Bob is muted for 10 minutes.')).toBeTruthy();
    });
    await user.click(within(bobs).getByRole('button', { name: 'Kick Bob from this room' }));
    await waitFor(() => {
      expect(screen.getByText('Bob was kicked from this room.')).toBeTruthy();
    });
    const actions = api.bodiesTo('/api/admin/moderation/actions');
    expect(actions).toEqual([
      { kind: 'Mute', userId: 'id-bob', durationMinutes: 10 },
      { kind: 'Kick', userId: 'id-bob', roomId: 'r1' },
    ]);

    // The boss is an admin, as the message's author says: delete yes, mute and kick no; nothing looked up.
    expect(api.urls().filter((u) => u.startsWith('/api/users'))).toEqual([]);
    const boss = messageItem('orders from the boss');
    expect(within(boss).getByRole('button', { name: /^Delete The Boss's message/ })).toBeTruthy();
    expect(within(boss).queryByRole('button', { name: /^Mute/ })).toBeNull();
    expect(within(boss).queryByRole('button', { name: /^Kick/ })).toBeNull();

    await user.click(within(bobs).getByRole('button', { name: /^Delete Bob's message/ }));
    await waitFor(() => {
      expect(within(screen.getByRole('log')).queryByText('hi from bob')).toBeNull();
    });
  });

  it('shows the refusal when the server will not let a moderator act', async () => {
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    await renderRoom('Moderator', {
      'POST /api/admin/moderation/actions': () => problem(403, { detail: 'Moderators cannot act on admins.' }),
    });
    await user.click(await within(messageItem('hi from bob')).findByRole('button', { name: 'Kick Bob from this room' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Could not kick Bob: Moderators cannot act on admins.');
  });
});

describe('moderation as the target sees it', () => {
  it('shows the mute next to the composer and does not retry the send by itself', async () => {
    const sends: unknown[] = [];
    await renderRoom('User', {}, (method, args) => {
      sends.push(args);
      return Promise.reject(hubException(method, 'chat.muted', 'You are muted until 10:30.'));
    });
    const box = screen.getByLabelText('Message');
    await fill(box, 'let me talk');
    await user.type(box, '{Enter}');

    const form = box.closest('form') as HTMLElement;
    expect((await within(form).findByRole('status')).textContent).toBe('You are muted until 10:30.');
    expect(box.getAttribute('aria-describedby')).toContain(within(form).getByRole('status').id);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sends).toHaveLength(1);
    expect(within(screen.getByRole('log')).getByRole('button', { name: 'Retry' })).toBeTruthy();
  });

  it('shows a mute notice and clears it on unmute', async () => {
    const { raise } = await renderRoom('User');
    raise(HubEvents.ModerationNotice, { kind: 'Mute', roomId: null, reason: 'Cool down', expiresAt: '2025-01-01T10:30:00Z' });
    const form = screen.getByLabelText('Message').closest('form') as HTMLElement;
    expect(within(form).getByRole('status').textContent).toMatch(/^A moderator muted you until .+ Reason: Cool down$/);
    raise(HubEvents.ModerationNotice, { kind: 'Unmute', roomId: null, reason: null, expiresAt: null });
    expect(within(form).queryByRole('status')).toBeNull();
  });

  it('leaves the room for the lounges when kicked from it, but not when kicked from another', async () => {
    const { raise, location } = await renderRoom('User');
    raise(HubEvents.ModerationNotice, { kind: 'Kick', roomId: 'elsewhere', reason: null, expiresAt: null });
    expect(location()).toBe('/rooms/r1');
    raise(HubEvents.ModerationNotice, { kind: 'Kick', roomId: 'r1', reason: null, expiresAt: null });
    await waitFor(() => {
      expect(location()).toBe('/');
    });
  });

  it('updates the header when an admin changes the room', async () => {
    const { raise } = await renderRoom('User');
    raise(HubEvents.RoomUpdated, { ...room, id: 'other', topic: 'Not this one' });
    raise(HubEvents.RoomUpdated, { ...room, name: 'English (UK)', topic: 'Tea talk', slowModeSeconds: 30, moderationMode: 'PreModerated' });
    expect(screen.getByRole('heading', { level: 1, name: 'English (UK)' })).toBeTruthy();
    expect(screen.getByText('Tea talk')).toBeTruthy();
    expect(screen.getByText('Slow mode: one message every 30 seconds')).toBeTruthy();
    expect(screen.getByText('Messages appear after a moderator approves them')).toBeTruthy();
    expect(screen.queryByText('Not this one')).toBeNull();
  });
});

describe('pre-moderated rooms', () => {
  it('marks an own message pending until the approval replaces it', async () => {
    const join = joined({ room: { ...room, moderationMode: 'PreModerated' }, messages: [] });
    const { raise } = await renderRoom(
      'User',
      {},
      () => Promise.resolve({ id: 'm5', seq: 5, changeSeq: 5, createdAt: '2025-01-01T10:05:00Z' }),
      join,
    );
    const box = screen.getByLabelText('Message');
    await fill(box, 'please approve');
    await user.type(box, '{Enter}');

    const log = screen.getByRole('log');
    const mine = (await within(log).findByText('Pending approval')).closest('li') as HTMLElement;
    expect(within(mine).getByText('please approve')).toBeTruthy();

    raise(HubEvents.MessageCreated, message(5, 'please approve', me, { status: 'Approved', changeSeq: 6 }));
    expect(within(log).getAllByText('please approve')).toHaveLength(1);
    expect(within(log).queryByText('Pending approval')).toBeNull();
  });
});
