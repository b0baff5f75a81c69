// Every Api error is RFC 9457 problem details with a stable `code`; this module turns them into something the UI
// can show. Decisions are taken on `code` (errorCodes.ts), never on the wording of `detail`.
import type { components } from './schema.gen.ts';
import { describeInfo } from './errorCodes.ts';

/** With `code` (act on it, never on the wording) and, for limits, `retryAfter` in seconds. */
export type ProblemDetails = components['schemas']['ProblemDetails'];

export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemDetails | null;
  /** The problem's `code`, when the server sent one. */
  readonly code: string | null;
  /** Seconds to wait: the problem's `retryAfter`, else the Retry-After header. */
  readonly retryAfter: number | null;

  constructor(status: number, problem: ProblemDetails | null, fallback: string, retryAfter: number | null = null) {
    super(problem?.detail ?? problem?.title ?? fallback);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.code = typeof problem?.code === 'string' ? problem.code : null;
    this.retryAfter = typeof problem?.retryAfter === 'number' ? Math.max(0, Math.ceil(problem.retryAfter)) : retryAfter;
  }
}

export async function toApiError(response: Response): Promise<ApiError> {
  const fallback = `The server answered ${String(response.status)} ${response.statusText}`.trim() + '.';
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  const contentType = response.headers.get('Content-Type') ?? '';
  if (!contentType.includes('json')) return new ApiError(response.status, null, fallback, retryAfter);
  try {
    const problem = (await response.json()) as ProblemDetails;
    return new ApiError(response.status, problem, fallback, retryAfter);
  } catch {
    return new ApiError(response.status, null, fallback, retryAfter);
  }
}

function parseRetryAfter(value: string | null): number | null {
  if (value === null) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/**
 * One sentence for an alert: the problem's detail (with the wait, for a rate limit), or, for an answer without
 * one, the status's message with the wait `Retry-After` asks for.
 */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.problem?.detail) return describeInfo({ code: error.code, detail: error.problem.detail, retryAfter: error.retryAfter });
    const wait = error.retryAfter === null ? '' : ` Try again in ${String(error.retryAfter)} s.`;
    const validation = error.problem?.errors ? Object.values(error.problem.errors).flat().join(' ') : '';
    return (validation || error.message) + wait;
  }
  if (error instanceof TypeError) return 'The server could not be reached. Check your connection and try again.';
  return error instanceof Error && error.message ? error.message : 'Something went wrong.';
}

export interface FormErrors<F extends string> {
  fields: Partial<Record<F, string>>;
  general: string | null;
}

/**
 * Splits an error into messages for the form's own fields (matched to the Api's field names ignoring case, e.g.
 * `UserName`), shown as the server wrote them, and one general message for everything else.
 */
export function formErrors<F extends string>(error: unknown, labels: Record<F, string>): FormErrors<F> {
  const errors = error instanceof ApiError ? error.problem?.errors : undefined;
  if (!errors) return { fields: {}, general: describeError(error) };

  const fields: Partial<Record<F, string>> = {};
  const leftOver: string[] = [];
  const names = Object.keys(labels) as F[];
  for (const [key, messages] of Object.entries(errors)) {
    const field = names.find((name) => name.toLowerCase() === key.toLowerCase());
    if (field === undefined) leftOver.push(...messages);
    else fields[field] = messages.join(' ');
  }
  const general = leftOver.length > 0 ? leftOver.join(' ') : null;
  return { fields, general };
}

