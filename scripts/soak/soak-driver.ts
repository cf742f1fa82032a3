import { randomUUID } from 'node:crypto';
import { percentile } from '../bench/stats.js';

/** One kind of failure, counted: the same failure a thousand times is one line. */
export interface SoakError {
  what: string;
  count: number;
  /** ms since the soak began. */
  firstAtMs: number;
  lastAtMs: number;
  example: string;
}

export interface LatencyWindow {
  answered: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

const CANCEL_EVERY = 20;

interface Reply {
  status: number;
  body: Record<string, unknown>;
  text: string;
}
const TIMEOUT_MS = 30_000;

/**
 * Orders at a fixed arrival rate through the gateway (an open model: an order is sent on time
 * whether or not earlier ones were answered), every 20th approved one then cancelled (the refund
 * saga). Every answer that is not the expected one is an error, counted by kind with an example.
 */
export class SoakDriver {
  sent = 0;
  private window: number[] = [];
  private readonly errors = new Map<string, SoakError>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly gatewayUrl: string,
    private readonly token: () => string,
    private readonly startedAt: number,
  ) {}

  /** Sends `rate` orders a second until `untilMs` (since the epoch), then waits for the answers. */
  async run(rate: number, untilMs: number): Promise<void> {
    const first = Date.now();
    for (let i = 0; ; i += 1) {
      const due = first + (i * 1000) / rate;
      if (due >= untilMs) break;
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      const order = this.order(i).finally(() => this.inFlight.delete(order));
      this.inFlight.add(order);
      this.sent += 1;
    }
    await Promise.all(this.inFlight);
  }

  /** Answers and latency since the last call. */
  takeWindow(): LatencyWindow {
    const samples = this.window;
    this.window = [];
    return {
      answered: samples.length,
      p50Ms: percentile(samples, 50),
      p95Ms: percentile(samples, 95),
      p99Ms: percentile(samples, 99),
    };
  }

  errorList(): SoakError[] {
    return [...this.errors.values()].sort((a, b) => b.count - a.count);
  }

  get errorCount(): number {
    return [...this.errors.values()].reduce((sum, e) => sum + e.count, 0);
  }

  private async order(index: number): Promise<void> {
    const body = { amount: { currency_code: 'EUR', amount_minor: 1_000 + (index % 500) } };
    const key = { 'idempotency-key': randomUUID() };
    const created = await this.call('create', '/v1/orders', body, key);
    if (!this.expect('create', created, 201, 'APPROVED') || index % CANCEL_EVERY !== 0) return;
    const cancel = `/v1/orders/${String(created!.body.id)}/cancel`;
    this.expect('cancel', await this.call('cancel', cancel, {}, {}), 200, 'CANCELLED');
  }

  /** Whether the answer is the expected one; anything else is counted as an error. */
  private expect(op: string, reply: Reply | undefined, status: number, orderStatus: string) {
    if (!reply) return false; // already counted
    if (reply.status === status && reply.body.status === orderStatus) return true;
    const detail = String(reply.body.status ?? reply.body.code ?? '');
    this.error(op, `HTTP ${reply.status}${detail ? ` ${detail}` : ''}`, reply.text);
    return false;
  }

  private async call(
    op: string,
    path: string,
    body: object,
    headers: Record<string, string>,
  ): Promise<Reply | undefined> {
    const started = performance.now();
    try {
      const response = await fetch(`${this.gatewayUrl}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${this.token()}`,
          ...headers,
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const text = await response.text();
      this.window.push(performance.now() - started);
      return { status: response.status, body: parse(text), text };
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      this.error(
        op,
        cause ?? (error instanceof Error ? error.name : 'unknown error'),
        String(error),
      );
      return undefined;
    }
  }

  private error(op: string, what: string, example: string): void {
    const key = `${op}: ${what}`;
    const at = Date.now() - this.startedAt;
    const known = this.errors.get(key);
    if (known) {
      known.count += 1;
      known.lastAtMs = at;
    } else {
      this.errors.set(key, {
        what: key,
        count: 1,
        firstAtMs: at,
        lastAtMs: at,
        example: example.slice(0, 300),
      });
    }
  }
}

function parse(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
