import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Conversation } from '../api/conversations.ts';
import type { Role } from '../api/session.ts';
import { HubEvents } from '../realtime/hubEvents.ts';
import { account, blocksApi, problem, signedIn } from '../test/fakeApi.ts';
import { fakeConnection } from '../test/fakeHub.ts';
import { bob, conversation, cy, dee, me, message } from '../test/fixtures.ts';
import { fill, renderWithProviders, user } from '../test/render.tsx';
import { mockApi, type Handler } from '../test/server.ts';
import { ConversationsPage } from './ConversationsPage.tsx';

beforeEach(() => {
  blocksApi();
});

const LONG = 'A long story about the weekend, the weather, the trains that did not run and everything else that went wrong';
const withBob = conversation('c1', [bob], message(7, 'see you  \n tomorrow', bob, { roomId: 'c1' }));
const group = conversation('c2', [bob, cy, dee], message(3, LONG, me, { roomId: 'c2' }));
const quiet = conversation('c3', [cy]);

/** The page for `role`, the Api listing what `list()` says now; resolves once the hub is listening. */
async function renderPage(list: () => Conversation[], routes: Record<string, Handler> = {}, role: Role = 'User') {
  const api = mockApi({ 'GET /api/conversations': () => Response.json(list()), ...routes });
  const session = await signedIn(role);
  const fake = fakeConnection(session);
  const rendered = renderWithProviders(<ConversationsPage />, { session, connection: fake.connection, path: '/conversations' });
  await waitFor(() => {
    expect(fake.connection.getState()).toBe('connected');
  });
  const lists = () => api.requests.filter((r) => r.method === 'GET' && r.path === '/api/conversations').length;
  return { ...fake, ...rendered, api, lists };
}

/** Each conversation of the list as its text, in the order shown. */
function shown() {
  return within(screen.getByRole('list', { name: 'Conversations' }))
    .getAllByRole('listitem')
    .map((item) => within(item).getByRole('link').textContent);
}

describe('the Messages page', () => {
  it('lists the conversations with the other members, a group marker and the last message shortened', async () => {
    await renderPage(() => [withBob, group, quiet]);

    expect(screen.getByRole('heading', { level: 1, name: 'Messages' })).toBeTruthy();
    await screen.findByRole('list', { name: 'Conversations' });
    expect(shown()).toEqual(['Bob', 'Bob, Cy and dee', 'Cy']);

    const item = (index: number) => within(screen.getByRole('list', { name: 'Conversations' })).getAllByRole('listitem')[index] as HTMLElement;
    expect(within(item(0)).getByRole('link', { name: 'Bob' }).getAttribute('href')).toBe('/conversations/c1');
    expect(item(0).textContent).toContain('Bob: see you tomorrow');
    expect(within(item(0)).queryByText('Group')).toBeNull();
    expect(item(0).querySelector('time')?.getAttribute('dateTime')).toBe('2025-01-01T10:00:00Z');

    expect(within(item(1)).getByText('Group')).toBeTruthy();
    expect(item(1).textContent).toContain('You: A long story about the weekend');
    expect(item(1).textContent).toContain('…');
    expect(item(1).textContent).not.toContain('everything else that went wrong');

    expect(item(2).textContent).toContain('No messages yet.');
  });

  it('moves a conversation to the top with its new message as the hub says so', async () => {
    let list = [withBob, group];
    const { raise, queryClient } = await renderPage(() => list);
    await screen.findByRole('list', { name: 'Conversations' });

    const pizza = message(4, 'pizza tonight?', cy, { roomId: 'c2' });
    list = [{ ...group, lastMessage: pizza }, withBob];
    raise(HubEvents.ConversationActivity, { conversationId: 'c2', message: pizza });

    const topText = () => within(screen.getByRole('list', { name: 'Conversations' })).getAllByRole('listitem')[0]?.textContent;
    await waitFor(() => {
      expect(shown()).toEqual(['Bob, Cy and dee', 'Bob']);
    });
    expect(topText()).toContain('Cy: pizza tonight?');
    // And it stays so once any list on its way has arrived.
    await waitFor(() => {
      expect(queryClient.isFetching()).toBe(0);
    });
    expect(shown()).toEqual(['Bob, Cy and dee', 'Bob']);
    expect(topText()).toContain('Cy: pizza tonight?');
  });

  it('applies activity without asking the Api again once the list is up to date', async () => {
    const { raise, lists, queryClient } = await renderPage(() => [withBob, group]);
    await screen.findByRole('list', { name: 'Conversations' });
    await waitFor(() => {
      expect(queryClient.isFetching()).toBe(0);
    });
    const asked = lists();

    raise(HubEvents.ConversationActivity, { conversationId: 'c1', message: message(8, 'one more thing', bob, { roomId: 'c1' }) });

    expect(await screen.findByText(/one more thing/)).toBeTruthy();
    expect(lists()).toBe(asked);
  });

  it('shows a conversation someone else started as soon as its first message arrives', async () => {
    let list = [withBob];
    const { raise } = await renderPage(() => list);
    await screen.findByRole('list', { name: 'Conversations' });

    const first = message(1, 'hello from Dee', dee, { roomId: 'c4' });
    list = [conversation('c4', [dee], first), withBob];
    raise(HubEvents.ConversationActivity, { conversationId: 'c4', message: first });

    await waitFor(() => {
      expect(shown()).toEqual(['dee', 'Bob']);
    });
    expect(screen.getByText(/hello from Dee/)).toBeTruthy();
  });

  it('hides the last message of someone the member blocked', async () => {
    blocksApi([bob]);
    await renderPage(() => [withBob]);

    const item = await screen.findByRole('listitem');
    await within(item).findByText('Message from a blocked person');
    expect(item.textContent).not.toContain('see you');
  });

  it('tells a guest that direct messages are for registered members, and where to register', async () => {
    const api = mockApi({});
    const session = await signedIn('Guest');
    renderWithProviders(<ConversationsPage />, { session, path: '/conversations' });

    expect(screen.getByRole('heading', { level: 1, name: 'Messages' })).toBeTruthy();
    expect(screen.getByText(/Direct messages are for registered members/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Register this account' }).getAttribute('href')).toBe('/profile');
    expect(screen.queryByRole('button', { name: 'Start conversation' })).toBeNull();
    expect(api.requests).toEqual([]);
  });
});

describe('starting a conversation', () => {
  const people = [
    account('User', { id: 'id-bob', userName: 'bob', displayName: 'Bob' }),
    account('User', { id: 'id-bea', userName: 'bea', displayName: 'Bea' }),
    account('Guest', { id: 'id-bert', userName: 'bert', displayName: 'Bert' }),
    account('User', { id: 'id-cy', userName: 'cy', displayName: 'Cy' }),
    account('User'), // the signed-in user, "user"
  ];
  const search: Handler = ({ url }) => {
    const prefix = (url.searchParams.get('search') ?? '').toLowerCase();
    return Response.json({ items: people.filter((p) => p.userName.startsWith(prefix)), nextCursor: null });
  };

  async function choose(text: string, option: string) {
    await fill(screen.getByRole('combobox', { name: 'Find people' }), text);
    const listbox = await screen.findByRole('listbox', { name: 'Matching users' });
    await user.click(within(listbox).getByRole('option', { name: option }));
  }

  it('picks people with the user search, starts the conversation and opens it', async () => {
    const { api, location } = await renderPage(() => [], {
      'GET /api/users': search,
      'POST /api/conversations': () => Response.json(conversation('c9', [bob, cy]), { status: 201 }),
    });

    await fill(screen.getByRole('combobox', { name: 'Find people' }), 'be');
    const listbox = await screen.findByRole('listbox', { name: 'Matching users' });
    // Guests have no direct messages: not offered.
    expect(within(listbox).getAllByRole('option').map((o) => o.textContent)).toEqual(['Bea (@bea) · User']);
    await choose('bo', 'Bob (@bob) · User');
    await choose('cy', 'Cy (@cy) · User');
    await fill(screen.getByRole('combobox', { name: 'Find people' }), 'us');
    expect(await screen.findByText('No user name starts with “us”.')).toBeTruthy();

    const chosen = screen.getByRole('list', { name: 'Chosen people' });
    expect(within(chosen).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Bob @bob Remove', 'Cy @cy Remove']);
    await user.click(screen.getByRole('button', { name: 'Start conversation' }));

    await waitFor(() => {
      expect(location()).toBe('/conversations/c9');
    });
    expect(api.bodiesTo('/api/conversations')).toEqual([{ memberIds: ['id-bob', 'id-cy'] }]);
  });

  it('asks for someone first, lets a choice be removed, and shows why the Api refused', async () => {
    const { api } = await renderPage(() => [], {
      'GET /api/users': search,
      'POST /api/conversations': () =>
        problem(403, { code: 'conversation.blocked', detail: 'You cannot start a conversation with someone you blocked or who blocked you.' }),
    });

    await user.click(screen.getByRole('button', { name: 'Start conversation' }));
    expect(screen.getByRole('alert').textContent).toBe('Choose at least one person to talk to.');
    expect(api.bodiesTo('/api/conversations')).toEqual([]);

    await choose('bo', 'Bob (@bob) · User');
    await choose('cy', 'Cy (@cy) · User');
    await user.click(screen.getByRole('button', { name: 'Remove Cy' }));
    await user.click(screen.getByRole('button', { name: 'Start conversation' }));

    expect((await screen.findByRole('alert')).textContent).toBe(
      'Could not start the conversation: You cannot start a conversation with someone you blocked or who blocked you.',
    );
    expect(api.bodiesTo('/api/conversations')).toEqual([{ memberIds: ['id-bob'] }]);
  });
});
