import { api, type RequestOptions } from './client.ts';
import type { Role, User } from './session.ts';

export type { Role, User } from './session.ts';

/** Roles an admin can give; Guest belongs to temporary accounts only. */
export const ASSIGNABLE_ROLES = ['User', 'Moderator', 'Admin'] as const satisfies readonly Role[];
export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number];

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface NewUser {
  userName: string;
  password: string;
  role: AssignableRole;
  displayName: string | null;
}

export function listUsers(cursor: string | null, limit: number, options?: RequestOptions): Promise<Page<User>> {
  return api.get<Page<User>>('/api/users', { ...options, query: { cursor, limit } });
}

export function createUser(user: NewUser): Promise<User> {
  return api.post<User>('/api/users', user);
}

export function changeRole(id: string, role: AssignableRole): Promise<User> {
  return api.put<User>(`/api/users/${encodeURIComponent(id)}/role`, { role });
}

export function deleteUser(id: string): Promise<void> {
  return api.delete(`/api/users/${encodeURIComponent(id)}`);
}

/** Users whose user name starts with `search` (case-insensitive), for pickers. */
export function searchUsers(search: string, limit: number, options?: RequestOptions): Promise<Page<User>> {
  return api.get<Page<User>>('/api/users', { ...options, query: { search, limit } });
}
