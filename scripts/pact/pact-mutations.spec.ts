import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectedBody, renameField, setField, type PactInteraction } from './pact-mutations.js';

const syncMessage = (content: unknown): PactInteraction => ({
  description: 'rpc',
  response: [{ contents: { content, contentType: 'application/json', encoded: false } }],
});

describe('pact mutations', () => {
  it('finds the expected body of a sync message and of an HTTP interaction', () => {
    assert.deepEqual(expectedBody(syncMessage({ a: 1 })), { a: 1 });
    const http = {
      description: 'GET',
      response: { status: 200, body: { content: { b: 2 }, contentType: 'application/json' } },
    };
    assert.deepEqual(expectedBody(http), { b: 2 });
  });

  it('renames a nested field keeping its value, and reports a missing one', () => {
    const body = { payment: { status: 'X', orderId: 'o' } };
    assert.equal(renameField(body, 'payment.status', 'paymentStatus'), true);
    assert.deepEqual(body, { payment: { paymentStatus: 'X', orderId: 'o' } });
    assert.equal(renameField(body, 'payment.status', 'again'), false);
    assert.equal(renameField(body, 'missing.status', 'x'), false);
  });

  it('sets an existing field only', () => {
    const body: Record<string, unknown> = { code: 'FAILED_PRECONDITION' };
    assert.equal(setField(body, 'code', 'ABORTED'), true);
    assert.equal(setField(body, 'other', 1), false);
    assert.deepEqual(body, { code: 'ABORTED' });
  });
});
