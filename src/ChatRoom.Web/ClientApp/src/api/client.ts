// The one place that talks HTTP to the Api. Same origin: ChatRoom.Web proxies /api to it.

/** RFC 9457 problem details, as every Api error is shaped. */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Record<string, string[]>;
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemDetails | null;

  constructor(status: number, problem: ProblemDetails | null, fallback: string) {
    super(problem?.detail ?? problem?.title ?? fallback);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export async function getJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await fetch(path, {
    method: 'GET',
    headers: { Accept: 'application/json' },
    credentials: 'same-origin',
    signal: options.signal ?? null,
  });
  if (!response.ok) throw await toApiError(response);
  return (await response.json()) as T;
}

async function toApiError(response: Response): Promise<ApiError> {
  const fallback = `The server answered ${String(response.status)} ${response.statusText}`.trim() + '.';
  const contentType = response.headers.get('Content-Type') ?? '';
  if (!contentType.includes('json')) return new ApiError(response.status, null, fallback);
  try {
    return new ApiError(response.status, (await response.json()) as ProblemDetails, fallback);
  } catch {
    return new ApiError(response.status, null, fallback);
  }
}
