import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { liveChildPids } from './child-processes.js';
import { startGateway } from './gateway.js';
import { startTestSystem } from './test-system.js';

// Each harness is made to fail at a late part on purpose: what it started before must be gone.
describe('test harnesses stop what they started when a later part fails', () => {
  it('startTestSystem: orders cannot start, so auth and payments are stopped and it rejects', async () => {
    const before = liveChildPids();
    await assert.rejects(
      startTestSystem({ PAYMENTS_DEADLINE_MS: 'not a number' }),
      /orders exited with 1:[\s\S]*PAYMENTS_DEADLINE_MS/,
    );
    assert.deepEqual(liveChildPids(), before, 'no app process of it is still running');
  });

  it('startGateway: nginx missing is refused at once, naming the command that installs it', async () => {
    const saved = process.env.NGINX_BIN;
    process.env.NGINX_BIN = '/nonexistent/nginx';
    try {
      await assert.rejects(
        startGateway({
          authHttp: '127.0.0.1:1',
          ordersHttp: '127.0.0.1:1',
          ordersGrpc: '127.0.0.1:1',
        }),
        /nginx not found at \/nonexistent\/nginx: install it with sudo bash scripts\/ci\/apt-deps\.sh/,
      );
    } finally {
      if (saved === undefined) delete process.env.NGINX_BIN;
      else process.env.NGINX_BIN = saved;
    }
  });
});
