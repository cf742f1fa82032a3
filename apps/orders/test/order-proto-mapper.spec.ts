import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Order } from '../src/orders/domain/order.js';
import { toProtoOrder } from '../src/orders/transport/order.proto-mapper.js';

const order = (createdAt: Date, updatedAt: Date): Order => ({
  id: 'o-1',
  customerId: 'alice',
  idempotencyKey: 'k',
  requestFingerprint: 'f',
  amount: { currencyCode: 'EUR', amountMinor: 100 },
  description: 'd',
  status: 'PENDING',
  statusReason: '',
  createdAt,
  updatedAt,
});

describe("orders' proto mapper", () => {
  it('writes dates before 1970 as Timestamps with nanos in 0..999,999,999', () => {
    const proto = toProtoOrder(order(new Date(-1), new Date('1969-07-20T20:17:40.250Z')));
    assert.deepEqual(proto.createdAt, { seconds: -1, nanos: 999_000_000 });
    assert.deepEqual(proto.updatedAt, { seconds: -14_182_940, nanos: 250_000_000 });
  });
});
