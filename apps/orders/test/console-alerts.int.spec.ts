import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import { ALERTS_DIR } from './support/console-fixture.js';

const run = promisify(execFile);

/** promtool comes with Debian's prometheus package, which `.ci/run` installs. */
async function promtool(...args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await run('promtool', args, { cwd: ALERTS_DIR });
    return stdout + stderr;
  } catch (error) {
    const {
      stdout = '',
      stderr = '',
      message,
    } = error as Error & {
      stdout?: string;
      stderr?: string;
    };
    assert.fail(`promtool ${args.join(' ')} failed: ${message}\n${stdout}${stderr}`);
  }
}

describe('saga console alert rules (promtool)', () => {
  it('are valid Prometheus rules', async () => {
    assert.match(await promtool('check', 'rules', 'saga-console.rules.yml'), /SUCCESS: 2 rules/);
  });

  it('fire for stuck and overdue sagas, once per status whatever the number of replicas', async () => {
    assert.match(await promtool('test', 'rules', 'tests/saga-console.rules.test.yml'), /SUCCESS/);
  });
});
