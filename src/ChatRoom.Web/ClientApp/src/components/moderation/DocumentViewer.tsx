import { ErrorCodes } from '../../api/errorCodes.ts';
import { fetchIdentityDocument, type IdentityReviewItem } from '../../api/identity.ts';
import { ApiError, describeError } from '../../api/problems.ts';
import { nameOf } from '../../realtime/contracts.ts';
import { usePrivateFileUrl, type PrivateFile } from '../usePrivateFileUrl.ts';

// The only types the Api stores (judged by their bytes); anything else is shown as nothing the browser would run.
const SHOWN_TYPES = new Set(['image/jpeg', 'image/png', 'application/pdf']);

/** The document's file while it is on screen: each view is fetched (and audited) anew, and forgotten on close. */
function useDocumentFile(id: string, contentType: string): PrivateFile {
  return usePrivateFileUrl(
    `${id} ${contentType}`,
    async (signal) => {
      const blob = await fetchIdentityDocument(id, { signal });
      return blob.slice(0, blob.size, SHOWN_TYPES.has(contentType) ? contentType : 'application/octet-stream');
    },
    explain,
  );
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
