import { ErrorCodes } from '../../api/errorCodes.ts';
import { ApiError, describeError } from '../../api/problems.ts';

/** Why one file could not be uploaded, in words that name it; decided on the problem's code, never its wording. */
export function describeUploadError(fileName: string, error: unknown): string {
  const code = error instanceof ApiError ? error.code : null;
  switch (code) {
    case ErrorCodes.attachmentTypeDenied:
      return `${fileName} cannot be sent: programs and scripts are not allowed.`;
    case ErrorCodes.attachmentTooLarge:
      return `${fileName} cannot be sent: it is larger than the limit (10 MB).`;
    case ErrorCodes.attachmentFileMissing:
      return `${fileName} cannot be sent: the file is empty or could not be read.`;
    case ErrorCodes.attachmentGuest:
      return 'Guests cannot send files. Register to send files.';
    case ErrorCodes.attachmentUnavailable:
      return `${fileName} was not uploaded: files cannot be sent right now. Try again later.`;
    case ErrorCodes.attachmentRateLimited: {
      const wait = error instanceof ApiError && error.retryAfter !== null ? ` Try again in ${String(error.retryAfter)} s.` : ' Try again later.';
      return `${fileName} was not uploaded: too many files in a short time.${wait}`;
    }
    default:
      // A proxy's own 413 carries no problem details.
      if (error instanceof ApiError && error.status === 413) return `${fileName} cannot be sent: it is larger than the limit (10 MB).`;
      return `${fileName} was not uploaded: ${describeError(error)}`;
  }
}

export const TOO_MANY_FILES = (fileName: string, max: number) => `${fileName} was not added: at most ${String(max)} files go with one message.`;
