// Run by harness-cancel.spec.ts under `node --test --test-timeout`: starts a tracked process the
// way a harness does, then hangs until the runner cancels the test.
import { spawn } from 'node:child_process';
import { it } from 'node:test';
import { track } from './child-processes.js';

it('hangs with a started process until cancelled', async () => {
  const child = track(spawn('sleep', ['600'], { stdio: 'ignore' }));
  process.stdout.write(`started pid ${child.pid}\n`);
  await new Promise(() => {});
});
