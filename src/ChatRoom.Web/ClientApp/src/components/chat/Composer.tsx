import { useEffect, useId, useRef, useState, type ClipboardEvent, type DragEvent, type KeyboardEvent, type Ref, type SubmitEvent } from 'react';
import type { AttachmentDto, ReplyPreview } from '../../realtime/contracts.ts';
import { AttachButton } from '../attachments/AttachButton.tsx';
import { UploadChips } from '../attachments/UploadChips.tsx';
import { useUploads } from '../attachments/useUploads.ts';
import { ReplyBar } from '../threads/ReplyQuote.tsx';
import { MentionSuggestions } from './MentionSuggestions.tsx';
import { useMentions } from './useMentions.ts';

export const MAX_MESSAGE_LENGTH = 4000;
// Typing(true) at most this often while the user keeps typing.
export const TYPING_THROTTLE_MS = 3000;

interface ComposerProps {
  /** `attachments`: only when files were uploaded for it (the text may then be empty). */
  onSend: (content: string, attachments?: AttachmentDto[]) => void;
  onTyping: (isTyping: boolean) => void;
  disabled?: boolean;
  disabledReason?: string;
  /** Why sending does not work right now (e.g. a mute), shown above the box and read with it. */
  notice?: string | null;
  /** Up in the empty box: edit one's last message (as in most chat apps). */
  onEditLast?: () => void;
  inputRef?: Ref<HTMLTextAreaElement>;
  /** The box's name ("Message"; a thread's is "Reply in thread") and the send button's ("Send"). */
  label?: string;
  sendLabel?: string;
  /** Reply mode: the message being answered, shown above the box; Cancel reply or Escape ends it. */
  replyingTo?: ReplyPreview | null;
  onCancelReply?: () => void;
  /** Files can be sent in this room (not for guests): each uploads here as soon as it is chosen. */
  attachTo?: string | null;
  /** What the box holds when it first shows (e.g. which listing a message to its seller is about). */
  initialText?: string;
}

/** Enter sends, Shift+Enter starts a new line. */
export function Composer({
  onSend,
  onTyping,
  disabled = false,
  disabledReason,
  notice = null,
  onEditLast,
  inputRef,
  label = 'Message',
  sendLabel,
  replyingTo = null,
  onCancelReply,
  attachTo = null,
  initialText = '',
}: ComposerProps) {
  const id = useId();
  const [text, setText] = useState(initialText);
  const lastTypingAt = useRef<number | null>(null);
  const files = useUploads(attachTo ?? '');
  const canAttach = attachTo !== null && !disabled;
  const mentions = useMentions(text, change, () => document.getElementById(`${id}-message`) as HTMLTextAreaElement | null);

  // A draft handed in is for going on from: the box takes the focus with the caret at its end.
  useEffect(() => {
    if (initialText === '') return;
    const box = document.getElementById(`${id}-message`) as HTMLTextAreaElement | null;
    box?.focus();
    box?.setSelectionRange(initialText.length, initialText.length);
  }, [id, initialText]);

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

  const content = text.trim();
  // Files alone make a message; files still uploading hold the send back (their ids are not known yet).
  const sendable = !disabled && !files.uploading && (content !== '' || files.ready.length > 0) && content.length <= MAX_MESSAGE_LENGTH;

  function send() {
    if (!sendable) return;
    if (files.ready.length > 0) onSend(content, files.ready);
    else onSend(content);
    files.clear();
    setText('');
    stopTyping();
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    send();
  }

  function keyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (mentions.keyDown(event)) return;
    if (event.key === 'Escape' && replyingTo !== null && onCancelReply) {
      // Ends the reply only, not whatever holds the composer.
      event.preventDefault();
      onCancelReply();
      return;
    }
    if (event.key === 'ArrowUp' && text === '' && onEditLast && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      onEditLast();
      return;
    }
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    send();
  }

  // Pasted images and dropped files join the chosen ones, where files can be sent.
  function paste(event: ClipboardEvent<HTMLTextAreaElement>) {
    const pasted = [...event.clipboardData.files];
    if (!canAttach || pasted.length === 0) return;
    event.preventDefault();
    files.add(pasted);
  }

  function dragOver(event: DragEvent<HTMLFormElement>) {
    if (canAttach && event.dataTransfer.types.includes('Files')) event.preventDefault();
  }

  function drop(event: DragEvent<HTMLFormElement>) {
    if (!canAttach || event.dataTransfer.files.length === 0) return;
    event.preventDefault();
    files.add([...event.dataTransfer.files]);
  }

  const remaining = MAX_MESSAGE_LENGTH - text.length;
  const described = [notice !== null && `${id}-notice`, replyingTo !== null && `${id}-reply`, `${id}-count`].filter(Boolean).join(' ');
  return (
    <form className="composer" onSubmit={submit} onDragOver={dragOver} onDrop={drop}>
      {notice !== null && (
        <p id={`${id}-notice`} role="status" className="composer-notice notice notice-error">
          {notice}
        </p>
      )}
      {replyingTo !== null && onCancelReply && <ReplyBar id={`${id}-reply`} replyTo={replyingTo} onCancel={onCancelReply} />}
      <UploadChips uploads={files.uploads} onRemove={files.remove} />
      <label htmlFor={`${id}-message`} className="visually-hidden">
        {label}
      </label>
      {mentions.shown && (
        <MentionSuggestions id={`${id}-mentions`} people={mentions.suggestions} active={mentions.active} onChoose={mentions.choose} />
      )}
      <textarea
        ref={inputRef}
        id={`${id}-message`}
        aria-controls={mentions.shown ? `${id}-mentions` : undefined}
        aria-activedescendant={mentions.shown ? `${id}-mentions-${String(mentions.active)}` : undefined}
        className="composer-input"
        rows={1}
        value={text}
        maxLength={MAX_MESSAGE_LENGTH}
        aria-describedby={described}
        placeholder={disabledReason ?? (replyingTo !== null ? 'Write a reply' : 'Write a message')}
        onChange={(event) => {
          change(event.target.value);
          mentions.track(event.target);
        }}
        onSelect={(event) => {
          mentions.track(event.currentTarget);
        }}
        onKeyDown={keyDown}
        onPaste={paste}
        onBlur={stopTyping}
      />
      <span id={`${id}-count`} className={remaining < 200 ? 'composer-count composer-count-low' : 'composer-count'}>
        {text.length}/{MAX_MESSAGE_LENGTH}
      </span>
      <div className="composer-buttons">
        {canAttach && <AttachButton disabled={files.full} onFiles={files.add} />}
        <button type="submit" disabled={!sendable} aria-label={sendLabel}>
          Send
        </button>
      </div>
    </form>
  );
}
