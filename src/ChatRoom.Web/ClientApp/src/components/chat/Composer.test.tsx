import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Composer, MAX_MESSAGE_LENGTH } from './Composer.tsx';

afterEach(cleanup);

function setup() {
  const onSend = vi.fn();
  const onTyping = vi.fn();
  render(<Composer onSend={onSend} onTyping={onTyping} />);
  const box = screen.getByLabelText<HTMLTextAreaElement>('Message');
  return { onSend, onTyping, box };
}

describe('Composer', () => {
  it('sends on Enter and clears the box', () => {
    const { onSend, box } = setup();
    fireEvent.change(box, { target: { value: 'hello' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onSend).toHaveBeenCalledWith('hello');
    expect(box.value).toBe('');
  });

  it('does not send on Shift+Enter (a new line) nor an empty message', () => {
    const { onSend, box } = setup();
    fireEvent.keyDown(box, { key: 'Enter' });
    fireEvent.change(box, { target: { value: 'line one' } });
    const notPrevented = fireEvent.keyDown(box, { key: 'Enter', shiftKey: true });
    expect(notPrevented).toBe(true);
    expect(onSend).not.toHaveBeenCalled();
    expect(box.value).toBe('line one');
  });

  it('signals typing once while typing, and stops on send and on blur', () => {
    const { onTyping, box } = setup();
    fireEvent.change(box, { target: { value: 'h' } });
    fireEvent.change(box, { target: { value: 'hi' } });
    expect(onTyping.mock.calls).toEqual([[true]]);
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onTyping.mock.calls).toEqual([[true], [false]]);
    fireEvent.change(box, { target: { value: 'again' } });
    fireEvent.blur(box);
    expect(onTyping.mock.calls).toEqual([[true], [false], [true], [false]]);
  });

  it('counts characters against the limit', () => {
    const { box } = setup();
    expect(box.maxLength).toBe(MAX_MESSAGE_LENGTH);
    fireEvent.change(box, { target: { value: 'abc' } });
    expect(screen.getByText(`3/${String(MAX_MESSAGE_LENGTH)}`)).toBeTruthy();
  });
});
