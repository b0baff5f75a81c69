import { PageHeading } from '../components/PageHeading.tsx';
import { PasswordForm } from '../components/profile/PasswordForm.tsx';
import { PhoneForm } from '../components/profile/PhoneForm.tsx';
import { ProfileForm } from '../components/profile/ProfileForm.tsx';
import { useSession } from '../session/SessionContext.tsx';
import { useSignOut } from '../session/useSignOut.ts';

export function ProfilePage() {
  const { state } = useSession();
  if (state.status !== 'signedIn') return null;
  const { user } = state;
  return (
    <>
      <PageHeading>Profile</PageHeading>
      {user.role === 'Guest' ? (
        <GuestPrompt />
      ) : (
        <>
          <p className="muted">
            Signed in as @{user.userName} ({user.role}).
          </p>
          <section aria-labelledby="profile-heading" className="stack card panel">
            <h2 id="profile-heading">Your profile</h2>
            <ProfileForm user={user} />
          </section>
          <section aria-labelledby="phone-heading" className="stack card panel">
            <h2 id="phone-heading">Phone number</h2>
            <PhoneForm user={user} />
          </section>
          <section aria-labelledby="password-heading" className="stack card panel">
            <h2 id="password-heading">Change password</h2>
            <PasswordForm />
          </section>
        </>
      )}
    </>
  );
}

/** Guest accounts are temporary and have no password or profile to keep. */
function GuestPrompt() {
  const signOut = useSignOut();
  return (
    <div className="notice stack">
      <p>
        You are chatting as a guest. Guest accounts are temporary: to keep a name, an avatar and a password, register an
        account.
      </p>
      <div>
        <button
          type="button"
          aria-busy={signOut.isPending}
          onClick={() => {
            signOut.mutate();
          }}
        >
          Sign out and register
        </button>
      </div>
    </div>
  );
}
