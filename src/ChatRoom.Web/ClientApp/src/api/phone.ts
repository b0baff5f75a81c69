import { api } from './client.ts';
import type { components } from './schema.gen.ts';
import type { User } from './session.ts';

export type PhoneCodeSent = components['schemas']['PhoneCodeSent'];

/** Texts a six-digit code to the number (international form, or national with its two-letter region). */
export function sendPhoneCode(phoneNumber: string, region?: string): Promise<PhoneCodeSent> {
  const body: components['schemas']['SendPhoneCodeRequest'] = { phoneNumber, region: region ?? null };
  return api.post<PhoneCodeSent>('/api/me/phone', body);
}

/** The code typed back: the number becomes the account's verified phone. */
export function verifyPhone(code: string): Promise<User> {
  const body: components['schemas']['VerifyPhoneRequest'] = { code };
  return api.post<User>('/api/me/phone/verify', body);
}

export function removePhone(): Promise<void> {
  return api.delete('/api/me/phone');
}
