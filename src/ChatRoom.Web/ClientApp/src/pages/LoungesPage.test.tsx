import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Lounge } from '../api/lounges.ts';
import { renderWithProviders, user } from '../test/render.tsx';
import { mockApi } from '../test/server.ts';
import { LoungesPage } from './LoungesPage.tsx';

const lounges: Lounge[] = [
  {
    id: 'a1',
    name: 'Main lounge',
    slug: 'main',
    description: '<b>Everyone</b> welcome',
    adultsOnly: false,
    rooms: [
      { id: 'r1', name: 'English', slug: 'en', languageCode: 'en', topic: 'Say hi', adultsOnly: false },
      { id: 'r2', name: 'Deutsch', slug: 'de', languageCode: 'de', topic: null, adultsOnly: true },
    ],
  },
];

describe('LoungesPage', () => {
  it('lists each lounge with its rooms and renders their text as text', async () => {
    mockApi({ 'GET /api/lounges': () => Response.json(lounges) });

    renderWithProviders(<LoungesPage />);

    expect(screen.getByRole('status').textContent).toBe('Loading lounges…');
    const lounge = await screen.findByRole('region', { name: 'Main lounge' });
    const rooms = within(lounge).getByRole('list', { name: 'Rooms in Main lounge' });
    expect(within(rooms).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'EnglishenSay hi',
      'Deutschde18+ (age-verified members only)',
    ]);
    expect(within(lounge).getByText('<b>Everyone</b> welcome')).toBeTruthy();
    expect(lounge.querySelector('b')).toBeNull();
    expect(within(rooms).getByRole('link', { name: 'English' }).getAttribute('href')).toBe('/rooms/r1');
  });

  it('marks 18+ rooms and lounges in words', async () => {
    mockApi({ 'GET /api/lounges': () => Response.json([...lounges, { ...lounges[0], id: 'a2', name: 'After dark', adultsOnly: true }]) });

    renderWithProviders(<LoungesPage />);

    const rooms = within(await screen.findByRole('region', { name: 'Main lounge' })).getByRole('list', { name: 'Rooms in Main lounge' });
    const [english, deutsch] = within(rooms).getAllByRole('listitem');
    expect(within(deutsch as HTMLElement).getByText('18+')).toBeTruthy();
    expect(within(deutsch as HTMLElement).getByText('(age-verified members only)')).toBeTruthy();
    expect(within(english as HTMLElement).queryByText('18+')).toBeNull();
    expect(within(screen.getByRole('region', { name: 'Main lounge' })).queryByText(/Every room in this lounge/)).toBeNull();
    expect(within(screen.getByRole('region', { name: 'After dark' })).getByText(/Every room in this lounge is for members whose age is verified/)).toBeTruthy();
  });

  it('shows an alert when loading fails and loads again on retry', async () => {
    const answers = [new Response('', { status: 502, statusText: 'Bad Gateway' }), Response.json(lounges)];
    const api = mockApi({ 'GET /api/lounges': () => answers.shift() ?? Response.error() });

    renderWithProviders(<LoungesPage />);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The server answered 502 Bad Gateway.');

    await user.click(within(alert).getByRole('button', { name: 'Try again' }));

    expect(await screen.findByRole('heading', { name: 'Main lounge' })).toBeTruthy();
    expect(api.requests).toHaveLength(2);
  });
});
