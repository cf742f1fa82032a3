import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatLogLine } from './log-format.js';

const plain = { prefixWidth: 10, color: false };

describe('formatLogLine', () => {
  it('compacts a pino record to level, message, context and key ids', () => {
    const line = JSON.stringify({
      level: 40,
      time: '2026-01-01T00:00:00.000Z',
      service: 'orders',
      context: 'SagaEngine',
      msg: 'compensating',
      order_id: 'o-1',
      saga_id: 's-1',
      trace_id: '0123456789abcdef0123456789abcdef',
      hostname: 'not shown',
    });
    assert.equal(
      formatLogLine('orders', line, plain),
      '[orders]   warn   compensating (SagaEngine)  order_id=o-1  saga_id=s-1  trace=01234567',
    );
  });

  it('shows an HTTP request record as its request line, status and duration', () => {
    const line = JSON.stringify({
      level: 30,
      msg: 'request completed',
      req: { method: 'POST', url: '/v1/orders', headers: { authorization: '[redacted]' } },
      res: { statusCode: 201 },
      responseTime: 12,
    });
    assert.equal(
      formatLogLine('orders', line, plain),
      '[orders]   info   request completed  POST /v1/orders → 201 12ms',
    );
  });

  it("keeps an error's message", () => {
    const line = JSON.stringify({
      level: 50,
      msg: 'boom',
      err: { message: 'db down', stack: 'x' },
    });
    assert.equal(formatLogLine('auth', line, plain), '[auth]     error  boom  err="db down"');
  });

  it('keeps why an rpc failed: the method, the code and the reason', () => {
    const line = JSON.stringify({
      level: 40,
      msg: 'rpc failed',
      context: 'grpc',
      rpc: 'PaymentsGrpcController.refundPayment',
      outcome: 'error',
      code: 'UNAVAILABLE',
      reason: 'payments store did not answer',
      order_id: 'o-9',
    });
    assert.equal(
      formatLogLine('payments', line, plain),
      '[payments] warn   rpc failed (grpc)  order_id=o-9  rpc=PaymentsGrpcController.refundPayment  code=UNAVAILABLE  reason="payments store did not answer"',
    );
  });

  it('passes a line that is not JSON through unchanged, prefixed', () => {
    assert.equal(
      formatLogLine('payments', '    at startFerret (x.js:1:1)', plain),
      '[payments]     at startFerret (x.js:1:1)',
    );
  });

  it('colours only when asked', () => {
    const line = JSON.stringify({ level: 30, msg: 'hi' });
    const escape = '\u001b[';
    assert.ok(
      formatLogLine('auth', line, { prefixWidth: 10, color: true }).includes(`${escape}36m`),
    );
    assert.ok(!formatLogLine('auth', line, plain).includes(escape));
  });
});
