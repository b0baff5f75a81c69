import { useEffect, useState } from 'react';
import { ErrorCodes } from '../../api/errorCodes.ts';
import { fetchIdentityDocument, type IdentityReviewItem } from '../../api/identity.ts';
import { ApiError, describeError } from '../../api/problems.ts';
import { nameOf } from '../../realtime/contracts.ts';

// The only types the Api stores (judged by their bytes); anything else is shown as nothing the browser would run.
const SHOWN_TYPES = new Set(['image/jpeg', 'image/png', 'application/pdf']);

type DocumentFile = { kind: 'loading' } | { kind: 'shown'; url: string } | { kind: 'failed'; message: string };

/**
 * The document's file while this is mounted: fetched with the session's token when a moderator asks (each view is
 * audited), and held only as an object URL that is revoked on close. Deliberately not in the query cache: personal
 * data is kept no longer than it is on screen.
 */
function useDocumentFile(id: string, contentType: string): DocumentFile {
  const [file, setFile] = useState<DocumentFile>({ kind: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    let url: string | null = null;
    fetchIdentityDocument(id, { signal: controller.signal }).then(
      (blob) => {
        const type = SHOWN_TYPES.has(contentType) ? contentType : 'application/octet-stream';
        url = URL.createObjectURL(blob.slice(0, blob.size, type));
        setFile({ kind: 'shown', url });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setFile({ kind: 'failed', message: explain(error) });
      },
    );
    return () => {
      controller.abort();
      if (url !== null) URL.revokeObjectURL(url);
    };
  }, [id, contentType]);
  return file;
}

/** The image, or the PDF in a frame with a link to open it in a tab of its own. */
export function DocumentViewer({ item }: { item: IdentityReviewItem }) {
  const file = useDocumentFile(item.id, item.contentType);
  const title = `Identity document of ${nameOf(item.user)}`;
  if (file.kind === 'loading') {
    return (
      <p role="status" className="status-line">
        Loading the document…
      </p>
    );
  }
  if (file.kind === 'failed') {
    return (
      <p role="alert" className="message-error">
        {file.message}
      </p>
    );
  }
  if (item.contentType === 'application/pdf') {
    return (
      <div className="stack">
        <iframe src={file.url} title={title} className="identity-document identity-document-pdf" />
        <p>
          <a href={file.url} target="_blank" rel="noreferrer">
            Open the PDF in a new tab
          </a>
        </p>
      </div>
    );
  }
  return <img src={file.url} alt={title} className="identity-document" />;
}

function explain(error: unknown): string {
  switch (error instanceof ApiError ? error.code : null) {
    case ErrorCodes.identityDocumentDeleted:
      return 'The file was deleted after its retention period: there is nothing left to look at.';
    case ErrorCodes.identityOwnDocument:
      return 'This is your own document: another moderator reviews it.';
    case ErrorCodes.identityNotFound:
      return 'This document no longer exists (its account may have been deleted).';
    default:
      return `Could not load the document: ${describeError(error)}`;
  }
}
