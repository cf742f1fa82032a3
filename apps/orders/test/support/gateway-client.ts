import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';

export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/** A valid CreateOrder body for the HTTP mirror, with `fields` replaced. */
export const order = (fields: Record<string, unknown> = {}) => ({
  idempotency_key: randomUUID(),
  amount: { currency_code: 'EUR', amount_minor: 1_500 },
  description: 'hostile test',
  ...fields,
});

/** Asserts the answer's status is one of `statuses`, showing the body when it is not. */
export function refused(answer: Answer, statuses: number[], what: string): void {
  assert.ok(
    statuses.includes(answer.status),
    `${what}: HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`,
  );
}

/** Raw HTTP through the gateway with a bearer token; any body, any headers. */
export class GatewayClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async send(
    path: string,
    body: string | undefined,
    headers: Record<string, string> = {},
    method = 'POST',
  ): Promise<Answer> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...headers },
      body,
    });
    const text = await response.text();
    try {
      return { status: response.status, body: JSON.parse(text) as Record<string, unknown> };
    } catch {
      return { status: response.status, body: { text } };
    }
  }

  json(path: string, value: unknown): Promise<Answer> {
    return this.send(path, JSON.stringify(value), { 'content-type': 'application/json' });
  }

  get(path: string): Promise<Answer> {
    return this.send(path, undefined, {}, 'GET');
  }

  /** Straight to an app's own port, past the gateway's limits. */
  static async direct(port: number, path: string, value: unknown): Promise<Answer> {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(value),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }
}
