import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { account, blocksApi, problem, signedIn } from '../test/fakeApi.ts';
import { fakeConnection, hubException, type Invoke } from '../test/fakeHub.ts';
import { joinResult, message, roomInfo } from '../test/fixtures.ts';
import { renderWithProviders, user } from '../test/render.tsx';
import { mockApi } from '../test/server.ts';
import { RoomPage } from './RoomPage.tsx';

// Every chat view (and the profile) reads the people the member blocked; none unless a test says otherwise.
beforeEach(() => {
  blocksApi();
});

const refused = () =>
  Promise.reject(hubException('JoinRoom', 'room.age_verification_required', 'This room is for age-verified members only.'));

async function renderRoom(invoke: Invoke, role: 'User' | 'Guest' = 'User') {
  const session = await signedIn(role, 'token-1', account(role));
  const fake = fakeConnection(session, invoke);
  renderWithProviders(<RoomPage roomId="r1" />, { session, connection: fake.connection, path: '/rooms/r1' });
  return fake;
}

describe('RoomPage in an 18+ room', () => {
  it('explains the rule and links to the age verification when the join is refused', async () => {
    await renderRoom(refused);

    expect(await screen.findByRole('heading', { level: 1, name: '18+ room' })).toBeTruthy();
    const notice = screen.getByRole('alert');
    expect(notice.textContent).toContain('This room is 18+: only members whose age is verified can enter it.');
    expect(within(notice).getByRole('link', { name: 'Verify your age' }).getAttribute('href')).toBe('/profile#age-verification');
    expect(within(notice).getByRole('link', { name: 'Back to the lounges' }).getAttribute('href')).toBe('/');
    expect(within(notice).queryByRole('button', { name: 'Try again' })).toBeNull();
    expect(screen.queryByText(/Could not join the room/)).toBeNull();
  });

  it('asks a guest to register first', async () => {
    await renderRoom(refused, 'Guest');

    const notice = await screen.findByRole('alert');
    expect(notice.textContent).toContain('Register this account, then verify your age');
    expect(within(notice).getByRole('link', { name: 'Register and verify your age' }).getAttribute('href')).toBe('/profile#age-verification');
  });

  it('shows the same notice when reading the history is refused', async () => {
    const join = joinResult({ room: { ...roomInfo, adultsOnly: true }, messages: [message(51, 'fifty-one')], changeSeq: 51, hasMore: true });
    mockApi({
      'GET /api/rooms/r1/messages': () =>
        problem(403, { code: 'room.age_verification_required', detail: 'This room is for age-verified members only.' }),
    });
    await renderRoom((method) => Promise.resolve(method === 'JoinRoom' ? join : undefined));
    await screen.findByRole('heading', { level: 1, name: 'English' });
    expect(screen.getByText('18+: for members whose age is verified')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Load older messages' }));

    expect(await screen.findByRole('heading', { level: 1, name: '18+ room' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Verify your age' })).toBeTruthy();
  });

  it('shows the notice when re-joining after a reconnect is refused', async () => {
    let joins = 0;
    const fake = await renderRoom((method) => {
      if (method !== 'JoinRoom') return Promise.resolve(undefined);
      return ++joins === 1 ? Promise.resolve(joinResult({ room: { ...roomInfo, adultsOnly: true } })) : refused();
    });
    await screen.findByRole('heading', { level: 1, name: 'English' });

    fake.dropAndReconnect();

    expect(await screen.findByRole('heading', { level: 1, name: '18+ room' })).toBeTruthy();
    expect(screen.queryByText(/Could not catch up/)).toBeNull();
  });
});
