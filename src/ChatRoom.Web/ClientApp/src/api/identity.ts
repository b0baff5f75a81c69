import { api, type RequestOptions } from './client.ts';
import type { components } from './schema.gen.ts';
import type { Page } from './users.ts';

export const VERIFICATION_STATUSES = ['None', 'Pending', 'Approved', 'Rejected'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

// The records carry the status as a string; the statuses are the ones above.
export type IdentityStatus = Omit<components['schemas']['IdentityStatusResponse'], 'status'> & { status: VerificationStatus };

export type IdentityReviewItem = Omit<components['schemas']['IdentityReviewItem'], 'status'> & { status: VerificationStatus };

/** The Api's limit (IdentityVerificationOptions.MaxBytes); checked here too so nobody waits for a 10 MB upload to be refused. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
/** What the Api accepts, by content; the file picker offers these. */
export const DOCUMENT_TYPES = 'image/jpeg,image/png,application/pdf';
/** A rejection's reason (and an approval's note) at most. */
export const MAX_REVIEW_REASON_LENGTH = 500;

export function fetchVerificationStatus(options?: RequestOptions): Promise<IdentityStatus> {
  return api.get<IdentityStatus>('/api/me/verification', options);
}

/** Sends the document for a moderator to review; answers with the new status (Pending). */
export function submitDocument(document: File): Promise<IdentityStatus> {
  const form = new FormData();
  form.append('document', document);
  return api.postForm<IdentityStatus>('/api/me/verification', form);
}

export function listIdentityDocuments(cursor: string | null, limit: number, options?: RequestOptions): Promise<Page<IdentityReviewItem>> {
  return api.get<Page<IdentityReviewItem>>('/api/admin/moderation/identity-documents', { ...options, query: { cursor, limit } });
}

/** The document's bytes, only when a moderator asks to see it (every view is audited). */
export function fetchIdentityDocument(id: string, options?: RequestOptions): Promise<Blob> {
  return api.getBlob(`/api/admin/moderation/identity-documents/${encodeURIComponent(id)}/file`, options);
}

export function approveDocument(id: string, reason: string | null): Promise<IdentityReviewItem> {
  const body: components['schemas']['ApproveIdentityRequest'] = reason ? { reason } : {};
  return api.post<IdentityReviewItem>(`/api/admin/moderation/identity-documents/${encodeURIComponent(id)}/approve`, body);
}

export function rejectDocument(id: string, reason: string): Promise<IdentityReviewItem> {
  const body: components['schemas']['RejectIdentityRequest'] = { reason };
  return api.post<IdentityReviewItem>(`/api/admin/moderation/identity-documents/${encodeURIComponent(id)}/reject`, body);
}

/** "2.4 MB", "10 MB", "830 KB": how big a file is, in words a person reads. */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
  return `${String(Math.max(1, Math.round(bytes / 1024)))} KB`;
}
