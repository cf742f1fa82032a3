import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

const FIXTURE = fileURLToPath(new URL('./cancelled-test.fixture.js', import.meta.url));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('a cancelled test leaves nothing running', () => {
  it('the runner cancels a hanging test (timeout) and the process it started is killed', async () => {
    const runner = spawn(
      process.execPath,
      ['--test', '--test-timeout=2000', '--test-force-exit', FIXTURE],
      // Without this variable the nested runner would report to ours instead of running.
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_TEST_CONTEXT: undefined } },
    );
    let output = '';
    runner.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    runner.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const [code] = (await once(runner, 'exit')) as [number | null];
    assert.notEqual(code, 0, 'the hanging test failed');
    assert.match(output, /cancelled|timed out/i, output);
    const pid = Number(/started pid (\d+)/.exec(output)?.[1]);
    assert.ok(pid > 0, `the fixture started its process:\n${output}`);
    // The runner may exit a moment before its test file's process has finished exiting.
    for (let i = 0; i < 50 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(alive(pid), false, `pid ${pid} still runs 5 s after the test was cancelled`);
  });
});
