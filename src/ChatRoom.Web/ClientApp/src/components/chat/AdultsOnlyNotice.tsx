import { Link } from 'react-router-dom';
import { AGE_VERIFICATION_PATH } from '../../routing/paths.ts';
import { PageHeading } from '../PageHeading.tsx';

/**
 * Instead of the room when it is 18+ and the member's age is not verified (the server's
 * room.age_verification_required): what the rule is and where to meet it, not a bare error.
 */
export function AdultsOnlyNotice({ guest }: { guest: boolean }) {
  return (
    <>
      <PageHeading>18+ room</PageHeading>
      <div role="alert" className="notice stack">
        <p>
          This room is 18+: only members whose age is verified can enter it.{' '}
          {guest
            ? 'Register this account, then verify your age with an identity document on your profile.'
            : 'Verify your age with an identity document on your profile; a moderator reviews it.'}
        </p>
        <p>
          <Link to={AGE_VERIFICATION_PATH}>{guest ? 'Register and verify your age' : 'Verify your age'}</Link>
          {' · '}
          <Link to="/">Back to the lounges</Link>
        </p>
      </div>
    </>
  );
}
