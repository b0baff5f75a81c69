import { fetchAttachment } from '../../api/attachments.ts';
import { ErrorCodes } from '../../api/errorCodes.ts';
import { ApiError, describeError } from '../../api/problems.ts';
import { usePrivateFileUrl, type PrivateFile } from '../usePrivateFileUrl.ts';

/**
 * Image types shown inline and opened in a tab. Not SVG: a blob URL document runs in this origin, and an SVG can
 * carry script. Anything else is only ever downloaded, as bytes nothing in the browser runs.
 */
const SHOWN_IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/bmp']);

export function isShownImage(contentType: string): boolean {
  return SHOWN_IMAGE_TYPES.has(contentType.toLowerCase());
}

export const FILE_GONE = 'File no longer available';

/** What went wrong fetching a file: gone (its message deleted), or the server's words. */
export function explainFileError(error: unknown): string {
  if (error instanceof ApiError && (error.code === ErrorCodes.attachmentNotFound || error.status === 404)) return FILE_GONE;
  return `Could not load the file: ${describeError(error)}`;
}

/** The file's bytes as a blob of a type the browser will not run (octet-stream unless a shown image). */
export async function fetchSafeBlob(id: string, contentType: string, signal?: AbortSignal): Promise<Blob> {
  const blob = await fetchAttachment(id, { signal });
  return blob.slice(0, blob.size, isShownImage(contentType) ? contentType : 'application/octet-stream');
}

/** An image's object URL while it is on screen (a virtual list unmounts rows far off screen, which revokes it). */
export function useAttachmentUrl(id: string, contentType: string): PrivateFile {
  return usePrivateFileUrl(`${id} ${contentType}`, (signal) => fetchSafeBlob(id, contentType, signal), explainFileError);
}
