import { Link } from 'react-router-dom';
import { ErrorCodes } from '../../api/errorCodes.ts';
import { ApiError } from '../../api/problems.ts';

/** Selling needs a verified phone: the server's words, and the way to the profile where the phone is verified. */
export function isPhoneRequired(error: unknown): error is ApiError {
  return error instanceof ApiError && error.code === ErrorCodes.listingPhoneRequired;
}

/** An alert for a failure to sell: `message` in words, and for a missing phone the link to verify it. */
export function ListingProblem({ message, error }: { message: string | null; error: unknown }) {
  if (message === null) return null;
  return (
    <div role="alert" className="notice notice-error">
      <p>{message}</p>
      {isPhoneRequired(error) && (
        <p>
          <Link to="/profile">Verify your phone</Link>
        </p>
      )}
    </div>
  );
}
