import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { serviceNameFromArgv } from './service-name.js';

describe('serviceNameFromArgv', () => {
  it('names the service after the app whose main script runs', () => {
    assert.equal(serviceNameFromArgv(['node', '/srv/dist/apps/orders/src/main.js']), 'orders');
  });

  it('falls back to the workspace name for other scripts', () => {
    assert.equal(serviceNameFromArgv(['node', 'scripts/x.js']), 'saga-workspace');
  });
});
