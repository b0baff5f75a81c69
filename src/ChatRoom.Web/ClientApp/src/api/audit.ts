import { api, type RequestOptions } from './client.ts';
import type { components } from './schema.gen.ts';
import type { Page } from './users.ts';

/** JSON as the Api stored it; shown as text, never interpreted. */
export type Json = components['schemas']['JsonElement'];

export type AuditEntry = components['schemas']['AuditEntryResponse'];

export interface AuditFilters {
  action: string;
  actorId: string;
  entityType: string;
  entityId: string;
  /** ISO 8601 instants; empty for no bound. */
  from: string;
  to: string;
}

export const NO_FILTERS: AuditFilters = { action: '', actorId: '', entityType: '', entityId: '', from: '', to: '' };

/** What the Api writes today (ChatRoom.Data AuditActions); the filter accepts any text. */
export const KNOWN_ACTIONS = [
  'user.register',
  'user.login',
  'user.login_failed',
  'user.logout',
  'user.password_change',
  'user.create',
  'user.role_change',
  'user.delete',
  'user.guest_create',
  'user.profile_update',
  'session.refresh_reuse',
  'message.edit',
  'message.delete',
  'system.seed_admin',
];

export const KNOWN_ENTITY_TYPES = ['user', 'session', 'message'];

export function fetchAudit(
  filters: AuditFilters,
  cursor: string | null,
  limit: number,
  options?: RequestOptions,
): Promise<Page<AuditEntry>> {
  return api.get<Page<AuditEntry>>('/api/admin/audit', { ...options, query: { ...filters, cursor, limit } });
}
