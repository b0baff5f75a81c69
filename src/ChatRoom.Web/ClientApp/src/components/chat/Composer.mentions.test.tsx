import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders, user } from '../../test/render.tsx';
import { server } from '../../test/server.ts';
import { Composer } from './Composer.tsx';
import { mentionAt } from './useMentions.ts';

const people = [
  { id: 'u1', userName: 'natalia', displayName: 'Natália', role: 'User' },
  { id: 'u2', userName: 'nate', displayName: null, role: 'User' },
];

function serveUsers() {
  const searches: string[] = [];
  server.use(
    http.get('/api/users', ({ request }) => {
      const search = new URL(request.url).searchParams.get('search') ?? '';
      searches.push(search);
      return HttpResponse.json({ items: people.filter((p) => p.userName.startsWith(search.toLowerCase())), nextCursor: null });
    }),
  );
  return searches;
}

describe('mentions in the composer', () => {
  it('finds the name being typed after an @, not inside an address', () => {
    expect(mentionAt('hi @na', 6)).toEqual({ start: 3, name: 'na' });
    expect(mentionAt('@na', 3)).toEqual({ start: 0, name: 'na' });
    expect(mentionAt('mail me@example.org', 19)).toBeNull();
    expect(mentionAt('hi @', 4)).toBeNull();
  });

  it('offers people for an @name and puts the chosen one in the message', async () => {
    const searches = serveUsers();
    const onSend = vi.fn();
    renderWithProviders(<Composer onSend={onSend} onTyping={() => undefined} />);
    const box = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Message' });

    await user.type(box, 'thanks @na');
    const list = await screen.findByRole('listbox', { name: 'Mention someone' });
    expect(list.textContent).toContain('Natália');
    expect(searches).toContain('na');
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('option', { name: /@nate/ }).getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{Enter}');

    expect(box.value).toBe('thanks @nate ');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(onSend).not.toHaveBeenCalled();
    await user.type(box, 'see you{Enter}');
    expect(onSend).toHaveBeenCalledWith('thanks @nate see you');
  });

  it('closes with Escape and leaves the text as typed', async () => {
    serveUsers();
    renderWithProviders(<Composer onSend={() => undefined} onTyping={() => undefined} />);
    const box = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Message' });
    await user.type(box, '@nat');
    await screen.findByRole('listbox', { name: 'Mention someone' });
    await user.keyboard('{Escape}');
    await waitFor(() => {
      expect(screen.queryByRole('listbox')).toBeNull();
    });
    expect(box.value).toBe('@nat');
  });

  it('chooses with the pointer too', async () => {
    serveUsers();
    renderWithProviders(<Composer onSend={() => undefined} onTyping={() => undefined} />);
    const box = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Message' });
    await user.type(box, 'ping @natal');
    await user.click(await screen.findByRole('option', { name: /Natália/ }));
    expect(box.value).toBe('ping @natalia ');
  });
});
