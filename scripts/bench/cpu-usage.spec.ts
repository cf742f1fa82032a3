import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cpuPerRequest, cpuSnapshot, groupOf, parseStat } from './cpu-usage.js';

describe('CPU usage by process group', () => {
  it('reads user+system and reaped children’s ticks after a program name with spaces', () => {
    const stat = '42 (my prog) S 1 42 42 0 -1 4194304 100 0 0 0 250 50 7 3 20 0 1 0 1 2 3';
    assert.deepEqual(parseStat(stat), { comm: 'my prog', ticks: 300, childTicks: 10 });
  });

  it('names our apps by their main script and other processes by their program', () => {
    assert.equal(
      groupOf('node', '/x/node --enable-source-maps dist/apps/orders/src/main.js'),
      'orders',
    );
    // The test harness starts apps by the module path without its extension.
    assert.equal(
      groupOf('node', '/x/node --enable-source-maps dist/apps/payments/src/main'),
      'payments',
    );
    assert.equal(groupOf('node', '/x/node dist/apps/orders/src/main.spec.js'), 'node');
    assert.equal(groupOf('postgres', 'postgres: postgres orders 127.0.0.1 idle'), 'postgres');
  });

  it('gives CPU milliseconds per request for each group that used any, busiest first', () => {
    const before = new Map([
      ['orders', 10],
      ['postgres', 5],
      ['redis-server', 1],
    ]);
    const after = new Map([
      ['orders', 12],
      ['postgres', 6],
      ['redis-server', 1],
      ['ferretdb', 0.5],
    ]);
    assert.deepEqual(cpuPerRequest(before, after, 1000), [
      ['orders', 2],
      ['postgres', 1],
      ['ferretdb', 0.5],
    ]);
  });

  it('sees this machine’s processes: the test runner that started this file is node', () => {
    const snapshot = cpuSnapshot();
    assert.ok((snapshot.get('node') ?? 0) > 0, JSON.stringify([...snapshot]));
    assert.ok([...snapshot.values()].every((seconds) => seconds >= 0));
  });
});
