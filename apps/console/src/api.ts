/** An API refusal: the problem+json `title` (a stable code) and `detail` (for people). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly retryAfter?: string,
  ) {
    super(detail);
  }
}

let onUnauthorized: () => void = () => {};

/** What to do when a call with a token gets 401: the session ended (expired, revoked key). */
export function whenUnauthorized(handler: () => void): void {
  onUnauthorized = handler;
}

interface CallOptions {
  token?: string;
  method?: 'GET' | 'POST';
  body?: unknown;
  signal?: AbortSignal;
}

/** Calls this origin (orders, or the gateway in front of it) and parses its JSON. */
export async function api<T>(path: string, options: CallOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      cache: 'no-store',
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError(0, 'NETWORK', 'the server did not answer; retrying');
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (response.ok) return body as T;
  if (response.status === 401 && options.token) onUnauthorized();
  throw new ApiError(
    response.status,
    String(body.title ?? `HTTP_${response.status}`),
    String(body.detail ?? body.message ?? response.statusText),
    response.headers.get('retry-after') ?? undefined,
  );
}
