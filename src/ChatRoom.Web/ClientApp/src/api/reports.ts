import type { UserSummary } from '../realtime/contracts.ts';
import { api, type RequestOptions } from './client.ts';
import type { Page } from './users.ts';

export const REPORT_STATUSES = ['Open', 'Resolved', 'Dismissed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const MAX_REASON_LENGTH = 1000;

export interface ReportedMessage {
  id: string;
  roomId: string;
  seq: number;
  content: string;
  author: UserSummary;
  deleted: boolean;
}

export interface Report {
  id: string;
  reporter: UserSummary;
  targetUser: UserSummary | null;
  targetMessage: ReportedMessage | null;
  reason: string;
  status: ReportStatus;
  createdAt: string;
  resolvedAt: string | null;
  resolvedBy: UserSummary | null;
  resolutionNote: string | null;
}

/** Exactly one target: a message or a user. */
export type ReportTarget = { messageId: string } | { userId: string };

export function createReport(target: ReportTarget, reason: string): Promise<Report> {
  return api.post<Report>('/api/reports', { ...target, reason });
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
  return api.post<Report>(`/api/admin/reports/${encodeURIComponent(id)}/${outcome}`, note ? { note } : {});
}
