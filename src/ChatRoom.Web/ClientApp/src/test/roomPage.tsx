// Test helper for the room page: room r1 joined with the given messages, sends acknowledged by the fake hub.
import { screen, within } from '@testing-library/react';
import type { Role } from '../api/session.ts';
import type { MessageDto, SendAck } from '../realtime/contracts.ts';
import { RoomPage } from '../pages/RoomPage.tsx';
import { signedIn } from './fakeApi.ts';
import { fakeConnection } from './fakeHub.ts';
import { joinResult } from './fixtures.ts';
import { renderWithProviders } from './render.tsx';

/** The ack of send number `n` (seq 100 + n). */
export function ackFor(n: number): SendAck {
  return { id: `sent-${String(n)}`, roomId: 'r1', seq: 100 + n, changeSeq: 100 + n, createdAt: '2025-01-01T10:05:00Z' };
}

/**
 * Room r1 showing `messages`, as `role`; every SendMessage / SendMessageWith is acknowledged in turn, or never
 * answered with `holdSends` (the message stays on its way).
 */
export async function renderRoomWith(messages: MessageDto[], role: Role = 'User', { holdSends = false, draft }: { holdSends?: boolean; draft?: string } = {}) {
  const session = await signedIn(role);
  let sends = 0;
  const fake = fakeConnection(session, (method) => {
    if (method === 'JoinRoom') return Promise.resolve(joinResult({ messages, changeSeq: Math.max(0, ...messages.map((m) => m.changeSeq)) }));
    if (method === 'SendMessage' || method === 'SendMessageWith') return holdSends ? new Promise(() => undefined) : Promise.resolve(ackFor(++sends));
    return Promise.resolve(undefined);
  });
  const view = renderWithProviders(<RoomPage roomId="r1" />, {
    session,
    connection: fake.connection,
    path: '/rooms/r1',
    state: draft === undefined ? undefined : { draft },
  });
  await screen.findByRole('heading', { level: 1, name: 'English' });
  const log = screen.getByRole('log', { name: 'Messages' });
  const last = messages.at(-1);
  if (last && last.content !== '') await within(log).findByText(last.content);
  return {
    ...fake,
    log,
    locationState: view.locationState,
    /** The hub calls made to send, with their arguments. */
    sends: () => fake.invocations.filter((i) => i.method === 'SendMessage' || i.method === 'SendMessageWith'),
  };
}

/** The list item of the first message showing `text` (a reply's quote may show it too, further down). */
export const itemOf = (log: HTMLElement, text: string) => within(log).getAllByText(text)[0]?.closest('li') as HTMLElement;
