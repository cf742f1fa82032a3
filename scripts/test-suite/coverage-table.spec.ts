import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rowsOf, shortfalls } from './coverage-table.js';

const counts = (covered: number, total: number) => ({ covered, total });
const SUMMARY = {
  total: { lines: counts(0, 0), branches: counts(0, 0) },
  '/repo/apps/orders/src/main.ts': { lines: counts(8, 10), branches: counts(1, 2) },
  '/repo/apps/orders/src/orders/order.ts': { lines: counts(2, 10), branches: counts(1, 2) },
  '/repo/libs/platform/src/index.ts': { lines: counts(5, 5), branches: counts(0, 0) },
};

describe('coverage per app and lib', () => {
  it('adds up the files of each app and lib', () => {
    assert.deepEqual(rowsOf(SUMMARY, '/repo'), [
      { part: 'apps/orders', lines: counts(10, 20), branches: counts(2, 4) },
      { part: 'libs/platform', lines: counts(5, 5), branches: counts(0, 0) },
    ]);
  });

  it('names each part below its threshold, without one, or missing from the run', () => {
    const rows = rowsOf(SUMMARY, '/repo');
    const thresholds = {
      'apps/orders': { lines: 60, branches: 50 },
      'apps/auth': { lines: 10, branches: 10 },
    };
    assert.deepEqual(shortfalls(rows, thresholds), [
      'apps/auth: no coverage at all (renamed or not tested?)',
      'apps/orders: lines 50.0 % < 60 %',
      'libs/platform: has no threshold in scripts/test-suite/coverage-thresholds.ts',
    ]);
    const met = {
      'apps/orders': { lines: 50, branches: 50 },
      'libs/platform': { lines: 100, branches: 100 },
    };
    assert.deepEqual(shortfalls(rows, met), []);
  });
});
