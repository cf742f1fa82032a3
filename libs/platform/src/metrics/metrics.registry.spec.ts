import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { EVENT_LOOP_SAMPLE_MS, eventLoopLateMs, MetricsRegistry } from './metrics.registry.js';

describe('event-loop delay readings', () => {
  it('lateness is the reading less the 10 ms tick, never below 0', () => {
    assert.ok(Math.abs(eventLoopLateMs(0.0101) - 0.1) < 1e-9);
    assert.equal(eventLoopLateMs(0.004), 0);
    assert.equal(eventLoopLateMs(0.035), 25);
  });

  it("the registry's p50 of an idle second is the tick, not zero", async () => {
    const registry = new MetricsRegistry('spec');
    await registry.metrics(); // what came before this test's idle wait
    await sleep(600);
    const text = await registry.metrics();
    const p50 = Number(/^nodejs_eventloop_lag_p50_seconds\S* (\S+)$/m.exec(text)?.[1]);
    assert.ok(p50 * 1000 >= EVENT_LOOP_SAMPLE_MS * 0.9, `p50 ${p50 * 1000} ms`);
    assert.ok(eventLoopLateMs(p50) < 5, `an idle loop late by ${eventLoopLateMs(p50)} ms`);
  });
});
