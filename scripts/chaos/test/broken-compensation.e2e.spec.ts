import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** Runs the built chaos script to its end; resolves with its exit code and all it printed. */
function chaos(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['dist/scripts/chaos/chaos.js', ...args], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

// Few orders and no faults: what is under test is the verdict, not the system's resilience.
const RUN = ['--seed', '5', '--orders', '40', '--faults', '0', '--recovery-window-ms', '20000'];

describe('the chaos run catches a broken saga', () => {
  it('passes with the real compensation, and fails naming invariant and order when the refund is skipped', async () => {
    const sound = await chaos(RUN);
    assert.equal(sound.code, 0, sound.output);
    assert.match(sound.output, /invariant violations:\s+0\n/);

    const broken = await chaos([...RUN, '--break-compensation']);
    assert.equal(broken.code, 1, broken.output);
    const named = [...broken.output.matchAll(/VIOLATION (\S+): order ([0-9a-f-]{36}): (.*)/g)];
    assert.ok(named.length > 0, broken.output);
    for (const [, invariant, , detail] of named) {
      assert.equal(invariant, 'no-net-charge');
      assert.equal(detail, 'order CANCELLED but payment CAPTURED');
    }
    assert.match(broken.output, /RESULT: FAILED/);
  });
});
