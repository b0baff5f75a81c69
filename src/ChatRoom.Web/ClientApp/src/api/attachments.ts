import type { AttachmentDto } from '../realtime/contracts.ts';
import { api, type RequestOptions } from './client.ts';

/** At most this many files go with one message (the server's MessageExtras.MaxAttachments). */
export const MAX_ATTACHMENTS = 4;

/** Uploads one file for a message in this room; its id then goes with the send (SendMessageWith's attachmentIds). */
export function uploadAttachment(roomId: string, file: File, options: RequestOptions = {}): Promise<AttachmentDto> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.postForm<AttachmentDto>(`/api/rooms/${encodeURIComponent(roomId)}/attachments`, form, options);
}

/**
 * The file's bytes. Fetched with the session's token (kept in memory: no cookie would carry it), so never an
 * `<img src>` to the Api: the caller shows it through an object URL.
 */
export function fetchAttachment(id: string, options: RequestOptions = {}): Promise<Blob> {
  return api.getBlob(`/api/attachments/${encodeURIComponent(id)}`, options);
}

/** "12 KB", "2.4 MB": the same words as the identity documents use. */
export { sizeText } from './identity.ts';
