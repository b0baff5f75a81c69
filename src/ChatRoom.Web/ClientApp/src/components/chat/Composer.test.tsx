import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders, user } from '../../test/render.tsx';
import { Composer, MAX_MESSAGE_LENGTH } from './Composer.tsx';

function setup(initialText?: string) {
  const onSend = vi.fn();
  const onTyping = vi.fn();
  renderWithProviders(<Composer onSend={onSend} onTyping={onTyping} initialText={initialText} />);
  const box = screen.getByLabelText<HTMLTextAreaElement>('Message');
  return { onSend, onTyping, box };
}

describe('Composer', () => {
  it('sends on Enter and clears the box', async () => {
    const { onSend, box } = setup();
    await user.type(box, 'hello{Enter}');
    expect(onSend).toHaveBeenCalledWith('hello');
    expect(box.value).toBe('');
  });

  it('starts with a draft handed to it, which the writer goes on from', async () => {
    const { onSend, box } = setup('About your listing “Lamp”: ');
    expect(box.value).toBe('About your listing “Lamp”: ');
    await user.type(box, 'is it still there?{Enter}');
    expect(onSend).toHaveBeenCalledWith('About your listing “Lamp”: is it still there?');
  });

  it('does not send on Shift+Enter (a new line) nor an empty message', async () => {
    const { onSend, box } = setup();
    await user.type(box, '{Enter}');
    await user.type(box, 'line one{Shift>}{Enter}{/Shift}');
    expect(onSend).not.toHaveBeenCalled();
    expect(box.value).toBe('line one\n');
  });

  it('signals typing once while typing, and stops on send and on blur', async () => {
    const { onTyping, box } = setup();
    await user.type(box, 'hi');
    expect(onTyping.mock.calls).toEqual([[true]]);
    await user.keyboard('{Enter}');
    expect(onTyping.mock.calls).toEqual([[true], [false]]);
    await user.type(box, 'again');
    await user.tab();
    expect(document.activeElement).not.toBe(box);
    expect(onTyping.mock.calls).toEqual([[true], [false], [true], [false]]);
  });

  it('counts characters against the limit', async () => {
    const { box } = setup();
    expect(box.maxLength).toBe(MAX_MESSAGE_LENGTH);
    await user.type(box, 'abc');
    expect(screen.getByText(`3/${String(MAX_MESSAGE_LENGTH)}`)).toBeTruthy();
  });
});
