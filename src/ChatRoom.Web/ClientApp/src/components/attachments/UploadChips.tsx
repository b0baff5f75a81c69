import { sizeText } from '../../api/attachments.ts';
import type { Upload } from './useUploads.ts';
import '../../styles/attachments.css';

/** The files chosen for the next message, one chip each: its name, how its upload is going, and Remove. */
export function UploadChips({ uploads, onRemove }: { uploads: readonly Upload[]; onRemove: (key: string) => void }) {
  if (uploads.length === 0) return null;
  return (
    <ul className="upload-chips" aria-label="Files to send">
      {uploads.map((upload) => (
        <li key={upload.key} className={`upload-chip upload-chip-${upload.state}`} aria-busy={upload.state === 'uploading'}>
          <span className="upload-chip-name">{upload.name}</span>{' '}
          {upload.state === 'uploading' && <span className="upload-chip-status">Uploading…</span>}
          {upload.state === 'ready' && <span className="upload-chip-status">Ready, {sizeText(upload.sizeBytes)}</span>}
          {upload.error !== null && (
            <span role="alert" className="upload-chip-error">
              {upload.error}
            </span>
          )}
          <button
            type="button"
            className="upload-chip-remove"
            aria-label={`Remove ${upload.name}`}
            onClick={() => {
              onRemove(upload.key);
            }}
          >
            <span aria-hidden="true">×</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
