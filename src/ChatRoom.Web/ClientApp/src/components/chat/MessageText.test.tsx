import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MessageText, splitLinks } from './MessageText.tsx';

afterEach(cleanup);

describe('MessageText', () => {
  it('shows markup as text', () => {
    const { container } = render(<MessageText content={'<img src=x onerror=alert(1)>'} />);
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
  });

  it('does not turn javascript: into a link', () => {
    const { container } = render(<MessageText content="click javascript:alert(1) now" />);
    expect(container.querySelector('a')).toBeNull();
    expect(container.textContent).toBe('click javascript:alert(1) now');
  });

  it('links http(s) URLs, opening a new tab without opener or referrer', () => {
    render(<MessageText content="see https://example.com, it is nice" />);
    const link = screen.getByRole('link', { name: 'https://example.com' });
    expect(link.getAttribute('href')).toBe('https://example.com/');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.parentElement?.textContent).toBe('see https://example.com, it is nice');
  });

  it('splits text around several links and leaves other schemes alone', () => {
    expect(splitLinks('a http://x.test/p?q=1 b data:text/html,hi c https://y.test.')).toEqual([
      { text: 'a ', href: null },
      { text: 'http://x.test/p?q=1', href: 'http://x.test/p?q=1' },
      { text: ' b data:text/html,hi c ', href: null },
      { text: 'https://y.test', href: 'https://y.test/' },
      { text: '.', href: null },
    ]);
  });
});
