import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DECLINE_LIMIT_MINOR, planOrder, type PlannedOrder } from './order-mix.js';
import { Random } from './random.js';
import { FAULT_MARKERS } from '#contracts';

const stream = (seed: number, breakCompensation = false): PlannedOrder[] => {
  const random = new Random(seed);
  return Array.from({ length: 1_000 }, (_, i) => planOrder(random, i, { breakCompensation }));
};
const shape = (o: PlannedOrder) => [o.kind, o.amountMinor, o.description, o.duplicate, o.cancel];

describe('seeded order mix', () => {
  it('replays the same orders for the same seed (keys aside)', () => {
    assert.deepEqual(stream(5).map(shape), stream(5).map(shape));
    assert.notDeepEqual(stream(5).map(shape), stream(6).map(shape));
  });

  it('mixes approvals, declines at or over the limit, failing and slow confirms', () => {
    const orders = stream(9);
    const count = (kind: string) => orders.filter((o) => o.kind === kind).length;
    for (const kind of ['approve', 'decline', 'fail-confirm', 'slow-confirm']) {
      assert.ok(count(kind) > 5, `${kind}: ${count(kind)}`);
    }
    for (const order of orders) {
      assert.equal(order.kind === 'decline', order.amountMinor >= DECLINE_LIMIT_MINOR);
      assert.ok(order.amountMinor > 0);
      assert.equal(
        order.kind === 'fail-confirm',
        order.description.includes(FAULT_MARKERS.failConfirm),
      );
      assert.equal(
        order.kind === 'slow-confirm',
        order.description.includes(FAULT_MARKERS.slowConfirm),
      );
      if (order.cancel) assert.equal(order.kind, 'approve');
    }
    assert.ok(orders.some((o) => o.duplicate) && orders.some((o) => o.cancel));
    assert.equal(new Set(orders.map((o) => o.idempotencyKey)).size, orders.length);
  });

  it('marks failing confirms to skip their refund only when compensation is to be broken', () => {
    assert.ok(stream(4).every((o) => !o.description.includes(FAULT_MARKERS.skipRefund)));
    const broken = stream(4, true).filter((o) => o.kind === 'fail-confirm');
    assert.ok(
      broken.length > 0 && broken.every((o) => o.description.includes(FAULT_MARKERS.skipRefund)),
    );
  });

  it('holds more orders in confirm for a rolling deploy, so every stop catches some mid-saga', () => {
    const slow = (upgrade: boolean) =>
      Array.from({ length: 2_000 }, (_, i) =>
        planOrder(new Random(9).fork(i), i, { breakCompensation: false, upgrade }),
      ).filter((o) => o.kind === 'slow-confirm').length;
    assert.ok(slow(true) > 3 * slow(false), `${slow(true)} vs ${slow(false)}`);
  });
});
