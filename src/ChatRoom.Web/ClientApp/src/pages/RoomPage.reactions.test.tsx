import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ReactionEmoji } from '../api/reactions.ts';
import type { MessageDto } from '../realtime/contracts.ts';
import { blocksApi, problem, signedIn } from '../test/fakeApi.ts';
import { fakeConnection } from '../test/fakeHub.ts';
import { bob, cy, joinResult, me, message } from '../test/fixtures.ts';
import { renderWithProviders, user } from '../test/render.tsx';
import { mockApi, type Handler } from '../test/server.ts';
import { RoomPage } from './RoomPage.tsx';

const emoji: ReactionEmoji[] = [
  { emoji: '👍', name: 'thumbs up yes like' },
  { emoji: '👎', name: 'thumbs down no dislike' },
  { emoji: '❤️', name: 'red heart love' },
  { emoji: '🎉', name: 'party tada celebrate' },
];

beforeEach(() => {
  blocksApi();
});

/** Room r1 with one message of Bob's, reacted to as `reactions` says; the REST answers are `routes`. */
async function renderRoom(first: MessageDto, routes: Record<string, Handler> = {}) {
  const api = mockApi({ 'GET /api/reactions': () => Response.json(emoji), ...routes });
  const session = await signedIn('User');
  const join = joinResult({ online: [me, bob, cy], messages: [first], changeSeq: first.changeSeq });
  const fake = fakeConnection(session, (method) => Promise.resolve(method === 'JoinRoom' ? join : undefined));
  renderWithProviders(<RoomPage roomId="r1" />, { session, connection: fake.connection, path: '/rooms/r1' });
  await within(screen.getByRole('log')).findByText(first.content);
  return { ...fake, api };
}

const reacted = (count: number, userIds: string[], changeSeq = 2) =>
  message(1, 'hello all', bob, { changeSeq, reactions: [{ emoji: '👍', count, userIds }] });

describe('reactions', () => {
  it('shows each reaction with its count, who gave it, and whether it is yours', async () => {
    await renderRoom(message(1, 'hello all', bob, { reactions: [{ emoji: '👍', count: 4, userIds: ['id-bob', 'id-user', 'id-x'] }] }));

    const chip = screen.getByRole('button', { name: '👍 4 reactions, including you' });
    expect(chip.getAttribute('aria-pressed')).toBe('true');
    expect(chip.title).toBe('Bob, You and 2 others');
  });

  it('toggles the user’s reaction from its chip, showing the server’s answer', async () => {
    const { api } = await renderRoom(reacted(1, ['id-cy']), {
      'PUT /api/messages/:id/reactions/:emoji': () => Response.json(reacted(2, ['id-cy', 'id-user'], 3)),
      'DELETE /api/messages/:id/reactions/:emoji': () => Response.json(reacted(1, ['id-cy'], 4)),
    });

    const chip = screen.getByRole('button', { name: '👍 1 reaction' });
    expect(chip.getAttribute('aria-pressed')).toBe('false');
    expect(chip.title).toBe('Cy');
    await user.click(chip);
    const mine = await screen.findByRole('button', { name: '👍 2 reactions, including you' });
    expect(mine.getAttribute('aria-pressed')).toBe('true');

    await user.click(mine);
    await screen.findByRole('button', { name: '👍 1 reaction' });
    expect(api.requests.map((r) => `${r.method} ${decodeURIComponent(r.path)}`)).toEqual([
      'PUT /api/messages/m1/reactions/👍',
      'DELETE /api/messages/m1/reactions/👍',
    ]);
  });

  it('shows a reaction arriving live as MessageUpdated', async () => {
    const { raise } = await renderRoom(message(1, 'hello all', bob));

    raise('MessageUpdated', reacted(1, ['id-bob']));

    expect((await screen.findByRole('button', { name: '👍 1 reaction' })).title).toBe('Bob');
  });

  it('picks an emoji from the picker, searched by its words and reached by the keyboard', async () => {
    const { api } = await renderRoom(message(1, 'hello all', bob), {
      'PUT /api/messages/:id/reactions/:emoji': () =>
        Response.json(message(1, 'hello all', bob, { changeSeq: 2, reactions: [{ emoji: '🎉', count: 1, userIds: ['id-user'] }] })),
    });

    const react = screen.getByRole('button', { name: 'React' });
    await user.click(react);
    const picker = screen.getByRole('dialog', { name: 'Choose a reaction' });
    const search = within(picker).getByRole('searchbox', { name: 'Search reactions' });
    expect(document.activeElement).toBe(search);
    expect(await within(picker).findByRole('button', { name: 'React with thumbs up' })).toBeTruthy();

    await user.type(search, 'celebr');
    expect(within(picker).getAllByRole('button').map((b) => b.getAttribute('aria-label'))).toEqual(['React with party tada']);
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(within(picker).getByRole('button', { name: 'React with party tada' }));
    await user.keyboard('{Enter}');

    expect(await screen.findByRole('button', { name: '🎉 1 reaction, including you' })).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(react);
    expect(api.requests.filter((r) => r.method === 'PUT').map((r) => decodeURIComponent(r.path))).toEqual(['/api/messages/m1/reactions/🎉']);
  });

  it('moves between emoji with the arrows and closes on Escape without reacting', async () => {
    const { api } = await renderRoom(message(1, 'hello all', bob));

    await user.click(screen.getByRole('button', { name: 'React' }));
    const picker = screen.getByRole('dialog', { name: 'Choose a reaction' });
    await within(picker).findByRole('button', { name: 'React with thumbs up' });
    await user.keyboard('{ArrowDown}{ArrowRight}{ArrowRight}{ArrowLeft}');
    expect(document.activeElement).toBe(within(picker).getByRole('button', { name: 'React with thumbs down' }));

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'React' }));
    expect(api.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('says how long to wait when reacting too fast', async () => {
    await renderRoom(reacted(1, ['id-cy']), {
      'PUT /api/messages/:id/reactions/:emoji': () =>
        problem(429, { code: 'reaction.rate_limited', detail: 'Too many reactions.', retryAfter: 7 }),
    });

    await user.click(screen.getByRole('button', { name: '👍 1 reaction' }));

    const item = within(screen.getByRole('log')).getByText('hello all').closest('li') as HTMLElement;
    await waitFor(() => {
      expect(within(item).getByRole('alert').textContent).toBe('Slow down: you can react again in 7 s.');
    });
  });
});
