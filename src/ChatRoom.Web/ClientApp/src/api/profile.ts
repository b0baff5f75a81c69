import { api } from './client.ts';
import type { components } from './schema.gen.ts';
import type { User } from './session.ts';

/** A partial update: what is left out keeps its value, an empty string clears it. */
export type ProfileChanges = components['schemas']['UpdateProfileRequest'];

export function updateProfile(changes: ProfileChanges): Promise<User> {
  return api.patch<User>('/api/users/me', changes);
}

/** The signed-in user as the server has it now (e.g. after a moderator verified their age). */
export function fetchCurrentUser(): Promise<User> {
  return api.get<User>('/api/auth/me');
}

/** Ends every other session of this user; this one stays signed in. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  const body: components['schemas']['ChangePasswordRequest'] = { currentPassword, newPassword };
  await api.post<unknown>('/api/auth/password', body);
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
