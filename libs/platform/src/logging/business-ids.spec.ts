import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { businessIdsOf } from './business-ids.js';

describe('businessIdsOf', () => {
  it('takes the order id of a request or of a response carrying the order', () => {
    assert.deepEqual(businessIdsOf({ orderId: 'o-1', amount: {} }), { order_id: 'o-1' });
    assert.deepEqual(businessIdsOf({ order: { id: 'o-2', status: 1 } }), { order_id: 'o-2' });
  });

  it('finds nothing in messages without one', () => {
    assert.deepEqual(businessIdsOf({ idempotencyKey: 'k' }), {});
    assert.deepEqual(businessIdsOf({ orderId: '' }), {});
    assert.deepEqual(businessIdsOf(undefined), {});
  });
});
