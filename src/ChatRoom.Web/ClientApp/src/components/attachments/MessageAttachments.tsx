import { useState } from 'react';
import { sizeText } from '../../api/attachments.ts';
import type { AttachmentDto } from '../../realtime/contracts.ts';
import { explainFileError, fetchSafeBlob, isShownImage, useAttachmentUrl } from './attachmentFile.ts';
import '../../styles/attachments.css';

/**
 * A message's files under its text: images inline (bounded by attachments.css), anything else as a download button.
 * Groups of divs, not a list: in the log, counting list items counts messages.
 */
export function MessageAttachments({ attachments }: { attachments: readonly AttachmentDto[] | null | undefined }) {
  if (!attachments || attachments.length === 0) return null;
  return (
    <div className="message-attachments" role="group" aria-label="Attachments">
      {attachments.map((a) =>
        a.isImage && isShownImage(a.contentType) ? <AttachmentImage key={a.id} attachment={a} /> : <AttachmentDownload key={a.id} attachment={a} />,
      )}
    </div>
  );
}

/** The image at a bounded size; a click opens it whole in a new tab (its object URL, so no token is needed there). */
function AttachmentImage({ attachment }: { attachment: AttachmentDto }) {
  const file = useAttachmentUrl(attachment.id, attachment.contentType);
  if (file.kind === 'loading') {
    return <span className="attachment-image-loading">Loading {attachment.fileName}…</span>;
  }
  if (file.kind === 'failed') return <p className="attachment-missing">{file.message}</p>;
  return (
    <a href={file.url} target="_blank" rel="noopener noreferrer" className="attachment-image-link" aria-label={`Open ${attachment.fileName} in full size`}>
      <img src={file.url} alt={attachment.fileName} className="attachment-image" />
    </a>
  );
}

/** "Download NAME" (its size beside it): fetched with the token only when asked, then saved through a temporary link. */
function AttachmentDownload({ attachment }: { attachment: AttachmentDto }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function download() {
    setBusy(true);
    setError(null);
    fetchSafeBlob(attachment.id, 'application/octet-stream').then(
      (blob) => {
        setBusy(false);
        const url = URL.createObjectURL(blob);
        const link = document.createElement('a');
        link.href = url;
        link.download = attachment.fileName;
        link.rel = 'noopener';
        document.body.append(link);
        link.click();
        link.remove();
        // Not at once: the browser starts the download after this task.
        setTimeout(() => {
          URL.revokeObjectURL(url);
        }, 30_000);
      },
      (failure: unknown) => {
        setBusy(false);
        setError(explainFileError(failure));
      },
    );
  }

  return (
    <div className="attachment-file">
      <button type="button" className="secondary attachment-download" disabled={busy} aria-busy={busy} onClick={download}>
        <span aria-hidden="true">⬇ </span>Download {attachment.fileName}
      </button>{' '}
      <span className="attachment-size">{sizeText(attachment.sizeBytes)}</span>
      {error !== null && (
        <p role="alert" className="attachment-missing">
          {error}
        </p>
      )}
    </div>
  );
}

/** A pending message's files, by name: they are uploaded already, the message is not sent yet. */
export function PendingAttachments({ attachments }: { attachments: readonly AttachmentDto[] | undefined }) {
  if (!attachments || attachments.length === 0) return null;
  return (
    <div className="message-attachments pending-attachments" role="group" aria-label="Attachments">
      {attachments.map((a) => (
        <span key={a.id} className="pending-attachment">
          <span aria-hidden="true">📎 </span>
          {a.fileName}
        </span>
      ))}
    </div>
  );
}
