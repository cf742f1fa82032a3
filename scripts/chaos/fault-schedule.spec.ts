import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FAULT_KINDS, planFaults } from './fault-schedule.js';
import { Random } from './random.js';
import { REPLICA_FAULT_KINDS } from './replica-fault-kinds.js';

const settings = { orders: 1_000, faults: 15, paymentsDeadlineMs: 1_000 };

describe('seeded fault schedule', () => {
  it('is the same for the same seed and differs for another', () => {
    assert.deepEqual(planFaults(new Random(7), settings), planFaults(new Random(7), settings));
    assert.notDeepEqual(planFaults(new Random(7), settings), planFaults(new Random(8), settings));
  });

  it('plans every fault kind at least once, even when asked for fewer faults', () => {
    for (const seed of [1, 2, 3, 42]) {
      const faults = planFaults(new Random(seed), { ...settings, faults: 2 });
      assert.equal(faults.length, FAULT_KINDS.length);
      assert.deepEqual(new Set(faults.map((f) => f.kind)), new Set(FAULT_KINDS));
    }
  });

  it('plans the replica kinds too, each at least once, when a run has replicas', () => {
    const kinds = [...FAULT_KINDS, ...REPLICA_FAULT_KINDS];
    const faults = planFaults(new Random(5), { ...settings, faults: 2, kinds });
    assert.deepEqual(new Set(faults.map((f) => f.kind)), new Set(kinds));
    const kill = faults.find((f) => f.kind === 'orders-replica-kill')!;
    assert.ok(kill.durationMs >= 6_000, 'a killed replica stays down past the chaos lease');
  });

  it('plans nothing when asked for no faults', () => {
    assert.deepEqual(planFaults(new Random(1), { ...settings, faults: 0 }), []);
  });

  it('spreads faults in increasing order inside the order stream', () => {
    const faults = planFaults(new Random(3), settings);
    assert.equal(faults.length, 15);
    const at = faults.map((f) => f.atOrder);
    assert.deepEqual(
      at,
      [...at].sort((a, b) => a - b),
    );
    assert.ok(at[0]! >= 50 && at.at(-1)! < 900, `outside 5–90 %: ${at}`);
  });

  it('makes latency spikes exceed the payments deadline', () => {
    const faults = planFaults(new Random(11), { ...settings, faults: 40 });
    const spikes = faults.filter((f) => f.kind === 'payments-latency');
    assert.ok(spikes.length > 0);
    for (const spike of spikes) assert.ok(spike.latencyMs! > settings.paymentsDeadlineMs);
    for (const other of faults.filter((f) => f.kind !== 'payments-latency')) {
      assert.equal(other.latencyMs, undefined);
    }
  });
});
