import { useState, type KeyboardEvent } from 'react';
import { MAX_MESSAGE_LENGTH } from './Composer.tsx';

/** Editing one's message in place: Enter saves, Shift+Enter starts a new line, Escape (or Cancel) leaves it as it was. */
export function MessageEditor({
  initial,
  busy,
  onSave,
  onCancel,
}: {
  initial: string;
  busy: boolean;
  onSave: (content: string) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState(initial);

  function keyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      // Escape ends the editing only, not whatever holds the message (a drawer, the page).
      event.stopPropagation();
      onCancel();
    } else if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      onSave(draft);
    }
  }

  return (
    <div className="message-editor">
      <textarea
        className="message-edit"
        aria-label="Edit message"
        value={draft}
        maxLength={MAX_MESSAGE_LENGTH}
        disabled={busy}
        // Focus belongs in the editor the user just opened.
        autoFocus
        onFocus={(event) => {
          // Opened with the caret at the end, where a correction usually goes.
          const end = event.currentTarget.value.length;
          event.currentTarget.setSelectionRange(end, end);
        }}
        onChange={(event) => {
          setDraft(event.target.value);
        }}
        onKeyDown={keyDown}
      />
      <div className="message-editor-actions">
        <span className="muted">Escape to cancel, Enter to save</span>
        <button type="button" disabled={busy} onClick={() => {
            onSave(draft);
          }}>
          Save
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
