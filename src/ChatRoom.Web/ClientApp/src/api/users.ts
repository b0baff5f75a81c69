import { api, type RequestOptions } from './client.ts';
import type { components } from './schema.gen.ts';
import type { Role, User } from './session.ts';

export type { Role, User } from './session.ts';

/** Roles an admin can give; Guest belongs to temporary accounts only. */
export const ASSIGNABLE_ROLES = ['User', 'Moderator', 'Admin'] as const satisfies readonly Role[];
export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number];

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

// The records carry the role as a string; the roles an admin can give are the ones above. Without one, a User.
export type NewUser = Omit<components['schemas']['CreateUserRequest'], 'role'> & { role?: AssignableRole | null };

export function listUsers(cursor: string | null, limit: number, options?: RequestOptions): Promise<Page<User>> {
  return api.get<Page<User>>('/api/users', { ...options, query: { cursor, limit } });
}

export function createUser(user: NewUser): Promise<User> {
  return api.post<User>('/api/users', user);
}

export function changeRole(id: string, role: AssignableRole): Promise<User> {
  const body: components['schemas']['ChangeRoleRequest'] = { role };
  return api.put<User>(`/api/users/${encodeURIComponent(id)}/role`, body);
}

export function deleteUser(id: string): Promise<void> {
  return api.delete(`/api/users/${encodeURIComponent(id)}`);
}

/** Users whose user name starts with `search` (case-insensitive), for pickers. */
export function searchUsers(search: string, limit: number, options?: RequestOptions): Promise<Page<User>> {
  return api.get<Page<User>>('/api/users', { ...options, query: { search, limit } });
}
