// Hub method errors. The server throws a HubException whose message is a JSON object with the same `code`, `detail`
// and `retryAfter` as a REST problem; the SignalR client hands it over inside its own sentence:
//   An unexpected error occurred invoking 'SendMessage' on the server. HubException: {"code":"chat.muted",...}
// This is the one parser for that text; callers decide on `code` and show `detail`.
import { describeInfo, type ErrorInfo } from '../api/errorCodes.ts';

const HUB_EXCEPTION = 'HubException: ';

export const HUB_FAILED = 'The chat server could not do that just now. Try again.';
export const HUB_UNREACHABLE = 'The chat server could not be reached. Check your connection and try again.';

/** The server's error behind a failed hub call, or null when the failure did not come from the server's code. */
export function hubError(error: unknown): ErrorInfo | null {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const at = message.indexOf(HUB_EXCEPTION);
  if (at < 0) return null;
  try {
    const parsed: unknown = JSON.parse(message.slice(at + HUB_EXCEPTION.length));
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { code, detail, retryAfter } = parsed as Record<string, unknown>;
    if (typeof detail !== 'string' || detail.trim() === '') return null;
    return {
      code: typeof code === 'string' ? code : null,
      detail,
      retryAfter: typeof retryAfter === 'number' && Number.isFinite(retryAfter) ? Math.max(0, Math.ceil(retryAfter)) : null,
    };
  } catch {
    return null;
  }
}

/** One sentence for the user: the server's detail (with the wait, for a rate limit), else a generic one. */
export function describeHubError(error: unknown): string {
  const info = hubError(error);
  if (info) return describeInfo(info);
  const message = error instanceof Error ? error.message : '';
  return message.includes(HUB_EXCEPTION) ? HUB_FAILED : HUB_UNREACHABLE;
}
