import { useRef } from 'react';

/**
 * "Attach file": a visible button that opens the file chooser of a visually hidden `<input type="file">`. The
 * input itself carries the label "Attach file" (browser tests set files on it); it is out of the Tab order, so the
 * keyboard meets one control, the button.
 */
export function AttachButton({ disabled, onFiles }: { disabled: boolean; onFiles: (files: File[]) => void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        className="secondary composer-attach"
        disabled={disabled}
        onClick={() => {
          input.current?.click();
        }}
      >
        <span aria-hidden="true">📎 </span>Attach file
      </button>
      <input
        ref={input}
        type="file"
        multiple
        tabIndex={-1}
        className="visually-hidden"
        aria-label="Attach file"
        disabled={disabled}
        onChange={(event) => {
          onFiles([...(event.target.files ?? [])]);
          // The same file chosen again (after removing it) must fire another change.
          event.target.value = '';
        }}
      />
    </>
  );
}
