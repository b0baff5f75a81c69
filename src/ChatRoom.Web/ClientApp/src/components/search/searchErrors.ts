import { ErrorCodes } from '../../api/errorCodes.ts';
import { ApiError, describeError } from '../../api/problems.ts';

export interface SearchFailure {
  message: string;
  /** Worth asking again as it is (a network or server failure); not for a search the server refused. */
  retry: boolean;
}

/** What went wrong with a search, chosen by the problem's code (never by its wording). */
export function describeSearchError(error: unknown): SearchFailure {
  const code = error instanceof ApiError ? error.code : null;
  if (code === ErrorCodes.searchQueryInvalid) {
    return {
      message: 'This search cannot be run. Use 1 to 200 characters with at least one word to look for.',
      retry: false,
    };
  }
  if (code === ErrorCodes.roomNotFound) {
    return { message: 'This room does not exist, or you cannot read it. Search everywhere instead.', retry: false };
  }
  return { message: `Could not search: ${describeError(error)}`, retry: true };
}
