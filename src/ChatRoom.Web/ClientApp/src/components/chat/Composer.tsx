import { useId, useRef, useState, type KeyboardEvent, type Ref, type SubmitEvent } from 'react';

export const MAX_MESSAGE_LENGTH = 4000;
// Typing(true) at most this often while the user keeps typing.
export const TYPING_THROTTLE_MS = 3000;

interface ComposerProps {
  onSend: (content: string) => void;
  onTyping: (isTyping: boolean) => void;
  disabled?: boolean;
  disabledReason?: string;
  /** Why sending does not work right now (e.g. a mute), shown above the box and read with it. */
  notice?: string | null;
  /** Up in the empty box: edit one's last message (as in most chat apps). */
  onEditLast?: () => void;
  inputRef?: Ref<HTMLTextAreaElement>;
}

/** Enter sends, Shift+Enter starts a new line. */
export function Composer({ onSend, onTyping, disabled = false, disabledReason, notice = null, onEditLast, inputRef }: ComposerProps) {
  const id = useId();
  const [text, setText] = useState('');
  const lastTypingAt = useRef<number | null>(null);

  function stopTyping() {
    if (lastTypingAt.current === null) return;
    lastTypingAt.current = null;
    onTyping(false);
  }

  function change(value: string) {
    setText(value);
    if (value.trim() === '') {
      stopTyping();
      return;
    }
    const now = Date.now();
    if (lastTypingAt.current === null || now - lastTypingAt.current >= TYPING_THROTTLE_MS) {
      lastTypingAt.current = now;
      onTyping(true);
    }
  }

  function send() {
    const content = text.trim();
    if (disabled || content === '' || content.length > MAX_MESSAGE_LENGTH) return;
    onSend(content);
    setText('');
    stopTyping();
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    send();
  }

  function keyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'ArrowUp' && text === '' && onEditLast && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      onEditLast();
      return;
    }
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    send();
  }

  const remaining = MAX_MESSAGE_LENGTH - text.length;
  return (
    <form className="composer" onSubmit={submit}>
      {notice !== null && (
        <p id={`${id}-notice`} role="status" className="composer-notice notice notice-error">
          {notice}
        </p>
      )}
      <label htmlFor={`${id}-message`} className="visually-hidden">
        Message
      </label>
      <textarea
        ref={inputRef}
        id={`${id}-message`}
        className="composer-input"
        rows={1}
        value={text}
        maxLength={MAX_MESSAGE_LENGTH}
        aria-describedby={notice === null ? `${id}-count` : `${id}-notice ${id}-count`}
        placeholder={disabledReason ?? 'Write a message'}
        onChange={(event) => {
          change(event.target.value);
        }}
        onKeyDown={keyDown}
        onBlur={stopTyping}
      />
      <span id={`${id}-count`} className={remaining < 200 ? 'composer-count composer-count-low' : 'composer-count'}>
        {text.length}/{MAX_MESSAGE_LENGTH}
      </span>
      <button type="submit" disabled={disabled || text.trim() === ''}>
        Send
      </button>
    </form>
  );
}
