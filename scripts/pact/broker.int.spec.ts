import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

const SCRIPT = fileURLToPath(new URL('../../../scripts/pact/broker.sh', import.meta.url));

function run(command: string, env: Record<string, string>) {
  const inherited = { ...process.env };
  delete inherited.PACT_BROKER_BASE_URL;
  delete inherited.PACT_BROKER_TOKEN;
  return spawnSync('bash', [SCRIPT, command], { env: { ...inherited, ...env }, encoding: 'utf8' });
}

describe('scripts/pact/broker.sh without broker credentials', () => {
  for (const command of ['publish', 'can-i-deploy']) {
    it(`${command} says it skipped, naming the missing settings, and succeeds`, () => {
      const result = run(command, { PACT_BROKER_BASE_URL: 'https://broker.example' });
      assert.equal(result.status, 0, result.stderr);
      assert.match(
        result.stdout,
        new RegExp(`^pact broker: skipped ${command}: PACT_BROKER_BASE_URL and PACT_BROKER_TOKEN`),
      );
    });
  }

  it('refuses an unknown command', () => {
    const result = run('deploy', {});
    assert.equal(result.status, 2);
    assert.match(result.stderr, /usage:/);
  });
});
