import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { PostgresEndpoint } from '#platform';
import { nestStartArgs, startApp, testPostgres, type AppProcess } from '#testing';

const ZERO_TRACE = '0'.repeat(32);

/** The JSON log line of the request to `url` (pino-http writes it after the response). */
async function requestLine(app: AppProcess, url: string): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const line = app.output.find((text) => text.includes(`"url":"${url}"`));
    if (line) return JSON.parse(line) as Record<string, unknown>;
    if (Date.now() > deadline) throw new Error(`no log line for ${url}:\n${app.output.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('`nest start orders` loads OpenTelemetry: request log lines carry the trace id', () => {
  let postgres: PostgresEndpoint;
  let orders: AppProcess;

  before(async () => {
    postgres = await testPostgres();
    orders = await startApp('orders', { grpc: true, env: { DATABASE_URL: postgres.url } });
  });
  after(async () => {
    await orders?.stop();
    await postgres?.close();
  });

  it('runs the app as nest start does: the compiled entry file, nothing preloaded', () => {
    assert.deepEqual(nestStartArgs('orders'), [
      '--enable-source-maps',
      'dist/apps/orders/src/main',
    ]);
    assert.deepEqual(orders.child.spawnargs.slice(1), nestStartArgs('orders'));
  });

  it('logs a request under the trace of its traceparent, and a request without one under a new trace', async () => {
    const traceId = randomBytes(16).toString('hex');
    const traceparent = `00-${traceId}-${randomBytes(8).toString('hex')}-01`;
    const base = `http://127.0.0.1:${orders.httpPort}`;
    const joined = `/v1/orders?probe=${randomBytes(4).toString('hex')}`;
    assert.equal((await fetch(`${base}${joined}`, { headers: { traceparent } })).status, 401);
    assert.equal((await requestLine(orders, joined)).trace_id, traceId);

    const fresh = `/v1/orders?probe=${randomBytes(4).toString('hex')}`;
    await fetch(`${base}${fresh}`);
    const line = await requestLine(orders, fresh);
    assert.match(String(line.trace_id), /^[0-9a-f]{32}$/);
    assert.notEqual(line.trace_id, ZERO_TRACE);
    assert.notEqual(line.trace_id, traceId);
  });

  it('has no trace id in the same line with the SDK switched off (OTEL_SDK_DISABLED=true)', async () => {
    const untraced = await startApp('orders', {
      grpc: true,
      env: { DATABASE_URL: postgres.url, OTEL_SDK_DISABLED: 'true' },
    });
    try {
      const url = `/v1/orders?probe=${randomBytes(4).toString('hex')}`;
      await fetch(`http://127.0.0.1:${untraced.httpPort}${url}`);
      assert.equal((await requestLine(untraced, url)).trace_id, undefined);
    } finally {
      await untraced.stop();
    }
  });
});
