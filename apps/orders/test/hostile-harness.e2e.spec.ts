import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { liveChildPids } from '#testing';
import { startHostileSystem } from './support/hostile-system.js';

// The gateway is the harness's last part: without nginx, the three apps it started before must
// be stopped again, or the test file would never exit (as seen on a machine without nginx).
describe('hostile-input harness', () => {
  it('stops auth, payments and orders when the gateway cannot start, and says why', async () => {
    const before = liveChildPids();
    const saved = process.env.NGINX_BIN;
    process.env.NGINX_BIN = '/nonexistent/nginx';
    try {
      await assert.rejects(startHostileSystem(), /nginx not found at \/nonexistent\/nginx/);
    } finally {
      if (saved === undefined) delete process.env.NGINX_BIN;
      else process.env.NGINX_BIN = saved;
    }
    assert.deepEqual(liveChildPids(), before, 'no app process of it is still running');
  });
});
