import { api } from './client.ts';
import type { User } from './session.ts';

export interface ProfileChanges {
  displayName: string;
  /** Empty clears it. */
  avatarUrl: string;
}

export function updateProfile(changes: ProfileChanges): Promise<User> {
  return api.patch<User>('/api/users/me', changes);
}

/** Ends every other session of this user; this one stays signed in. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await api.post<unknown>('/api/auth/password', { currentPassword, newPassword });
}

/** Absolute http(s) URL, as the Api requires; empty is allowed (no avatar). */
export function isHttpUrl(value: string): boolean {
  if (value.trim() === '') return true;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
