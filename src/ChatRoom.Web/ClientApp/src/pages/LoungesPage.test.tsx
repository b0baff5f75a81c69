import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Lounge } from '../api/lounges.ts';
import { LoungesPage } from './LoungesPage.tsx';

const lounges: Lounge[] = [
  {
    id: 'a1',
    name: 'Main lounge',
    slug: 'main',
    description: '<b>Everyone</b> welcome',
    rooms: [
      { id: 'r1', name: 'English', slug: 'en', languageCode: 'en', topic: 'Say hi' },
      { id: 'r2', name: 'Deutsch', slug: 'de', languageCode: 'de', topic: null },
    ],
  },
];

afterEach(cleanup);

describe('LoungesPage', () => {
  it('lists each lounge with its rooms and renders their text as text', async () => {
    vi.stubGlobal('fetch', vi.fn<typeof fetch>().mockResolvedValue(Response.json(lounges)));

    render(<LoungesPage />);

    expect(screen.getByRole('status').textContent).toBe('Loading lounges…');
    const lounge = await screen.findByRole('region', { name: 'Main lounge' });
    const rooms = within(lounge).getByRole('list', { name: 'Rooms in Main lounge' });
    expect(within(rooms).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'EnglishenSay hi',
      'Deutschde',
    ]);
    expect(within(lounge).getByText('<b>Everyone</b> welcome')).toBeTruthy();
    expect(lounge.querySelector('b')).toBeNull();
  });

  it('shows an alert when loading fails and loads again on retry', async () => {
    const fetchMock = vi
      .fn<typeof fetch>()
      .mockResolvedValueOnce(new Response('', { status: 502, statusText: 'Bad Gateway' }))
      .mockResolvedValueOnce(Response.json(lounges));
    vi.stubGlobal('fetch', fetchMock);

    render(<LoungesPage />);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The server answered 502 Bad Gateway.');

    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));

    expect(await screen.findByRole('heading', { name: 'Main lounge' })).toBeTruthy();
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });
});
