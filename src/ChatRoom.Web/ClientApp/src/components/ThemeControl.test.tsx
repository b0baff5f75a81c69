import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { user } from '../test/render.tsx';
import { applyTheme, storedTheme, THEME_STORAGE_KEY } from '../theme/theme.ts';
import { ThemeControl } from './ThemeControl.tsx';

afterEach(() => {
  localStorage.clear();
  delete document.documentElement.dataset.theme;
});

describe('the theme', () => {
  it('follows the system until a theme is chosen, then pins it on <html> and remembers it', async () => {
    render(<ThemeControl />);
    const theme = screen.getByRole<HTMLSelectElement>('combobox', { name: 'Theme' });
    expect(theme.value).toBe('system');
    expect(document.documentElement.dataset.theme).toBeUndefined();

    await user.selectOptions(theme, 'Dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe('dark');

    await user.selectOptions(theme, 'System');
    expect(document.documentElement.dataset.theme).toBeUndefined();
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBeNull();
  });

  it('applies the remembered theme before the app renders, and shows it as chosen', () => {
    localStorage.setItem(THEME_STORAGE_KEY, 'light');
    applyTheme(storedTheme());
    expect(document.documentElement.dataset.theme).toBe('light');

    render(<ThemeControl />);
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Theme' }).value).toBe('light');
  });

  it('ignores a stored value it does not know', () => {
    localStorage.setItem(THEME_STORAGE_KEY, 'neon');
    expect(storedTheme()).toBe('system');
  });
});
