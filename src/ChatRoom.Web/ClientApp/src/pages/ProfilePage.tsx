import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { PageHeading } from '../components/PageHeading.tsx';
import { BlockedPeople } from '../components/profile/BlockedPeople.tsx';
import { IdentityForm } from '../components/profile/IdentityForm.tsx';
import { PasswordForm } from '../components/profile/PasswordForm.tsx';
import { PhoneForm } from '../components/profile/PhoneForm.tsx';
import { ProfileForm } from '../components/profile/ProfileForm.tsx';
import { UpgradeForm } from '../components/profile/UpgradeForm.tsx';
import { AGE_VERIFICATION_ID } from '../routing/paths.ts';
import { useSession } from '../session/SessionContext.tsx';
import { useSignOut } from '../session/useSignOut.ts';

export function ProfilePage() {
  const { state } = useSession();
  // Set when this page registered a guest in place: the forms change under the user, so say what happened.
  const [registered, setRegistered] = useState(false);
  const { hash } = useLocation();
  const ageHeading = useRef<HTMLHeadingElement>(null);

  // Arriving from an 18+ room's link: the keyboard (and the view) go to the age verification. After the page's own
  // focus on its h1, which the app moves there on every navigation.
  useEffect(() => {
    if (hash !== `#${AGE_VERIFICATION_ID}`) return;
    const timer = setTimeout(() => {
      ageHeading.current?.focus();
    });
    return () => {
      clearTimeout(timer);
    };
  }, [hash]);

  if (state.status !== 'signedIn') return null;
  const { user } = state;
  const guest = user.role === 'Guest';
  return (
    <>
      <PageHeading>Profile</PageHeading>
      {guest ? (
        <GuestPrompt onRegistered={() => { setRegistered(true); }} />
      ) : (
        <>
          {registered && <Registered userName={user.userName} />}
          <p className="muted">
            Signed in as @{user.userName} ({user.role}).
            {user.ageVerified && <> <span className="badge">Age verified</span></>}
          </p>
          <section aria-labelledby="profile-heading" className="stack card panel">
            <h2 id="profile-heading">Your profile</h2>
            <ProfileForm user={user} />
          </section>
          <section aria-labelledby="phone-heading" className="stack card panel">
            <h2 id="phone-heading">Phone number</h2>
            <PhoneForm user={user} />
          </section>
        </>
      )}
      <section id={AGE_VERIFICATION_ID} aria-labelledby="age-verification-heading" className="stack card panel">
        <h2 id="age-verification-heading" ref={ageHeading} tabIndex={-1}>
          Age verification
        </h2>
        {guest ? <p>Register this account first: only registered members can verify their age and enter 18+ rooms.</p> : <IdentityForm />}
      </section>
      {!guest && (
        <section aria-labelledby="password-heading" className="stack card panel">
          <h2 id="password-heading">Change password</h2>
          <PasswordForm />
        </section>
      )}
      {/* Guests block too: it hides a person's messages in the rooms. */}
      <section aria-labelledby="blocks-heading" className="stack card panel">
        <h2 id="blocks-heading">Blocked people</h2>
        <BlockedPeople />
      </section>
    </>
  );
}

/** Registering unmounts the form the keyboard was in: the news takes the focus, so it is read out. */
function Registered({ userName }: { userName: string }) {
  const line = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    line.current?.focus();
  }, []);
  return (
    <p ref={line} role="status" tabIndex={-1} className="notice">
      Your account is registered: you are signed in as @{userName}, with your messages and rooms kept.
    </p>
  );
}

/** Guest accounts are temporary; registering in place keeps what the guest wrote. */
function GuestPrompt({ onRegistered }: { onRegistered: () => void }) {
  const signOut = useSignOut();
  return (
    <>
      <p className="notice">
        You are chatting as a guest. Guest accounts are temporary: register this account to keep your name, your messages
        and your rooms, with a password to sign in again.
      </p>
      <section aria-labelledby="register-heading" className="stack card panel">
        <h2 id="register-heading">Register this account</h2>
        <UpgradeForm onRegistered={onRegistered} />
      </section>
      <div className="stack panel">
        <p className="muted">Or start afresh: sign out and register a new, separate account.</p>
        <div>
          <button
            type="button"
            className="secondary"
            aria-busy={signOut.isPending}
            onClick={() => {
              signOut.mutate();
            }}
          >
            Sign out and register
          </button>
        </div>
      </div>
    </>
  );
}
