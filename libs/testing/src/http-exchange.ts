import type { Exchange } from './openapi-checker.js';

export interface ExchangeOptions {
  token?: string;
  /** JSON-encoded unless a string. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** One real HTTP request, its answer read as the OpenAPI check needs it (redirects not followed). */
export async function exchange(
  baseUrl: string,
  method: string,
  path: string,
  { token, body, headers = {} }: ExchangeOptions = {},
): Promise<Exchange> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    redirect: 'manual',
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const contentType = response.headers.get('content-type') ?? '';
  const text = await response.text();
  const isJson = /^application\/([a-z.+-]*\+)?json/.test(contentType);
  return {
    method,
    path: path.split('?')[0]!,
    status: response.status,
    contentType,
    body: text === '' ? undefined : isJson ? (JSON.parse(text) as unknown) : text,
  };
}
