import { api, type RequestOptions } from './client.ts';
import type { components } from './schema.gen.ts';
import type { Page } from './users.ts';

export const REPORT_STATUSES = ['Open', 'Resolved', 'Dismissed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const MAX_REASON_LENGTH = 1000;

export type ReportedMessage = components['schemas']['ReportedMessage'];

// The record carries the status as a string; the statuses are the ones above.
export type Report = Omit<components['schemas']['ReportResponse'], 'status'> & { status: ReportStatus };

/** What a report names besides its user: a marketplace listing, its title and status at the time of reading. */
export type ReportedListing = components['schemas']['ReportedListing'];

/** Exactly one target: a message, a user or a marketplace listing. */
export type ReportTarget = { messageId: string } | { userId: string } | { listingId: string };

export function createReport(target: ReportTarget, reason: string): Promise<Report> {
  const body: components['schemas']['ReportRequest'] = { ...target, reason };
  return api.post<Report>('/api/reports', body);
}

export function listReports(
  status: ReportStatus,
  cursor: string | null,
  limit: number,
  options?: RequestOptions,
): Promise<Page<Report>> {
  return api.get<Page<Report>>('/api/admin/reports', { ...options, query: { status, cursor, limit } });
}

export function closeReport(id: string, outcome: 'resolve' | 'dismiss', note: string | null): Promise<Report> {
  const body: components['schemas']['ResolveReportRequest'] = note ? { note } : {};
  return api.post<Report>(`/api/admin/reports/${encodeURIComponent(id)}/${outcome}`, body);
}
