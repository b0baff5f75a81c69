import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { removePhone, sendPhoneCode, verifyPhone, type PhoneCodeSent } from '../../api/phone.ts';
import type { User } from '../../api/session.ts';
import { useSession } from '../../session/SessionContext.tsx';
import { FormMessages, TextField } from '../Field.tsx';
import { useForm } from '../useForm.ts';

const NUMBER_LABELS = { phoneNumber: 'Phone number' };
const CODE_LABELS = { code: 'Code' };

/**
 * Proving a phone number: a code is texted to it and typed back here. Rooms may require a verified phone to write,
 * and other members see that the account has one (never the number).
 */
export function PhoneForm({ user }: { user: User }) {
  const [sent, setSent] = useState<PhoneCodeSent | null>(null);
  return (
    <div className="stack">
      {user.phoneVerified && <VerifiedNumber user={user} />}
      {sent === null ? <NumberForm verified={user.phoneVerified} onSent={setSent} /> : <CodeForm sent={sent} onDone={() => { setSent(null); }} />}
    </div>
  );
}

function VerifiedNumber({ user }: { user: User }) {
  const { session } = useSession();
  const remove = useMutation({
    mutationFn: removePhone,
    onSuccess: () => { session.updateUser({ ...user, phoneVerified: false, phoneLastDigits: null }); },
  });
  return (
    <div className="notice stack">
      <p>
        Your phone number ending in <strong>{user.phoneLastDigits}</strong> is verified.
      </p>
      <div>
        <button type="button" className="secondary" aria-busy={remove.isPending} onClick={() => { remove.mutate(); }}>
          Remove number
        </button>
      </div>
    </div>
  );
}

function NumberForm({ verified, onSent }: { verified: boolean; onSent: (sent: PhoneCodeSent) => void }) {
  const { form, errors, status, busy, submit, bind } = useForm(
    { phoneNumber: '' },
    {
      labels: NUMBER_LABELS,
      validate: (values) => (values.phoneNumber.trim() === '' ? { phoneNumber: 'Enter your mobile number.' } : {}),
      send: (values) => sendPhoneCode(values.phoneNumber.trim()),
      onSuccess: (result) => { onSent(result); },
    },
  );
  return (
    <form ref={form} onSubmit={submit} noValidate className="stack" aria-busy={busy}>
      <FormMessages status={status} error={errors.general} />
      <TextField
        label="Phone number"
        hint="Your mobile number with + and the country code, e.g. +49 151 23456789. We text it a code."
        type="tel"
        inputMode="tel"
        autoComplete="tel"
        maxLength={40}
        {...bind('phoneNumber')}
      />
      <div>
        <button type="submit">{verified ? 'Verify another number' : 'Send code'}</button>
      </div>
    </form>
  );
}

function CodeForm({ sent, onDone }: { sent: PhoneCodeSent; onDone: () => void }) {
  const { session } = useSession();
  const { form, errors, status, busy, submit, bind } = useForm(
    { code: '' },
    {
      labels: CODE_LABELS,
      validate: (values) => (/^[0-9]{6}$/.test(values.code.trim()) ? {} : { code: 'Enter the six digits of the code.' }),
      send: (values) => verifyPhone(values.code.trim()),
      onSuccess: (saved) => {
        session.updateUser(saved);
        onDone();
      },
    },
  );
  return (
    <form ref={form} onSubmit={submit} noValidate className="stack" aria-busy={busy}>
      <FormMessages status={status} error={errors.general} />
      <TextField
        label="Code"
        hint={`We texted a six-digit code to your number ending in ${sent.lastDigits}. It works for 10 minutes.`}
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        {...bind('code')}
      />
      <div className="row">
        <button type="submit">Verify</button>
        <button type="button" className="secondary" onClick={onDone}>
          Use another number
        </button>
      </div>
    </form>
  );
}
