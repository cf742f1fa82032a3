export interface Reply {
  status: number;
  body: Record<string, unknown>;
}

export interface RetryStats {
  /** HTTP attempts, first tries and retries. */
  attempts: number;
  retries: number;
  /** Why attempts were retried: "HTTP 503", "ECONNREFUSED", "TimeoutError", … */
  retriedBecause: Record<string, number>;
}

const RETRY_INITIAL_MS = 100;
const RETRY_MAX_MS = 1_000;

/**
 * The chaos driver's view of orders' HTTP API: an answer that may be lost to a fault (connection
 * refused while orders is dead, 5xx while its database resets) is asked again with the same
 * idempotency key, as a real client would, until it is answered or `giveUpMs` passes.
 */
export class OrdersHttp {
  constructor(
    private readonly baseUrl: string,
    private token: string,
    private readonly relogin: () => Promise<string>,
    private readonly stats: RetryStats,
    private readonly attemptTimeoutMs = 15_000,
    private readonly giveUpMs = 90_000,
  ) {}

  create(key: string, amountMinor: number, description: string): Promise<Reply | undefined> {
    const body = { amount: { currency_code: 'EUR', amount_minor: amountMinor }, description };
    return this.untilAnswered('/v1/orders', body, { 'idempotency-key': key });
  }

  cancel(orderId: string): Promise<Reply | undefined> {
    return this.untilAnswered(`/v1/orders/${orderId}/cancel`, {}, {});
  }

  private async untilAnswered(
    path: string,
    body: object,
    headers: Record<string, string>,
  ): Promise<Reply | undefined> {
    const deadline = Date.now() + this.giveUpMs;
    let delay = RETRY_INITIAL_MS;
    for (let attempt = 0; Date.now() < deadline; attempt += 1) {
      if (attempt > 0) this.stats.retries += 1;
      this.stats.attempts += 1;
      const reply = await this.post(path, body, headers).catch((error: unknown) => cause(error));
      if (typeof reply !== 'string' && !retryable(reply.status)) return reply;
      const because = typeof reply === 'string' ? reply : `HTTP ${reply.status}`;
      this.stats.retriedBecause[because] = (this.stats.retriedBecause[because] ?? 0) + 1;
      // An expired token is renewed; a failed renewal is retried like any other answer.
      if (typeof reply !== 'string' && reply.status === 401) {
        this.token = await this.relogin().catch(() => this.token);
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, RETRY_MAX_MS);
    }
    return undefined;
  }

  private async post(path: string, body: object, headers: Record<string, string>): Promise<Reply> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${this.token}`,
        ...headers,
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(this.attemptTimeoutMs),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Reply['body']) : {} };
  }
}

/** Server-side trouble, throttling or an expired token: the same request may succeed later. */
function retryable(status: number): boolean {
  return status >= 500 || status === 429 || status === 408 || status === 401;
}

/** What stopped a request from being answered: the network error's code, or the error's name. */
function cause(error: unknown): string {
  const inner =
    error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  if (typeof inner?.code === 'string') return inner.code;
  return error instanceof Error ? error.name : 'unknown error';
}
