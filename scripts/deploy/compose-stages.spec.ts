import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Runner } from './compose-podman.js';
import { ComposeStack, nothingLeft } from './compose-stack.js';
import { runStages, type Stage } from './compose-stages.js';

const PROJECT = 'saga-unit';

/**
 * podman and podman-compose as far as the teardown sees them: `up` creates two containers, a
 * labelled named volume, an anonymous volume (no label, as podman makes for an image's VOLUME)
 * and a network; `down` removes what real podman-compose removes, unless told to fail.
 */
class FakeMachine {
  containers = new Set<string>();
  labelled = new Set<string>();
  anonymous = new Set<string>();
  networks = new Set<string>();
  calls: string[] = [];
  constructor(private readonly downFails = false) {}

  runner: Runner = async (program, args) => {
    const line = `${program.endsWith('podman-compose') ? 'compose' : 'podman'} ${args.join(' ')}`;
    this.calls.push(line);
    const ok = (stdout = '') => ({ code: 0, stdout, stderr: '' });
    if (line.startsWith('compose') && args.includes('up')) {
      ['saga-unit_postgres_1', 'saga-unit_auth_1'].forEach((c) => this.containers.add(c));
      this.labelled.add('saga-unit_postgres-data');
      this.anonymous.add('3f2a9c');
      this.networks.add('saga-unit_default');
      return ok();
    }
    if (line.startsWith('compose') && args.includes('down')) {
      if (this.downFails) return { code: 1, stdout: '', stderr: 'podman stop: timed out' };
      this.containers.clear();
      if (args.includes('--podman-rm-args=--volumes')) this.anonymous.clear();
      if (args.includes('--volumes')) this.labelled.clear();
      this.networks.clear();
      return ok();
    }
    if (args.includes('ps') && args.includes('json')) {
      const rows = [...this.containers].map((name) => ({
        Names: [name],
        State: 'running',
        ExitCode: 0,
        Labels: { 'com.docker.compose.service': name.split('_')[1] },
      }));
      return ok(JSON.stringify(rows));
    }
    if (args.includes('ps')) return ok([...this.containers].join('\n'));
    if (args.includes('inspect')) return ok(this.containers.size ? '3f2a9c ' : '');
    if (args.includes('volume') && args.includes('ls'))
      return ok([...this.labelled, ...(args.includes('-q') ? this.anonymous : [])].join('\n'));
    if (args.includes('network') && args.includes('ls')) return ok([...this.networks].join('\n'));
    if (args.includes('rm')) {
      const kind = args.includes('volume') ? 'volume' : args.includes('network') ? 'network' : '';
      const sets = {
        volume: [this.labelled, this.anonymous],
        network: [this.networks],
        '': [this.containers],
      };
      for (const set of sets[kind]) args.forEach((arg) => set.delete(arg));
    }
    return ok();
  };

  get empty(): boolean {
    return (
      this.containers.size + this.labelled.size + this.anonymous.size + this.networks.size === 0
    );
  }
}

function stackOn(machine: FakeMachine): ComposeStack {
  return new ComposeStack({
    project: PROJECT,
    composeFile: 'docker/compose.yaml',
    envFile: '/tmp/env',
    podmanCompose: '.tools/bin/podman-compose',
    runner: machine.runner,
  });
}

describe('the compose test harness stops everything it started, also when a stage fails', () => {
  it('a stage that fails halfway: later stages are skipped, the stack goes, nothing is left', async () => {
    const machine = new FakeMachine();
    const stack = stackOn(machine);
    const ran: string[] = [];
    const stages: Stage[] = [
      { name: 'up', run: () => stack.up(['gateway']) },
      { name: 'demo', run: async () => void ran.push('demo') },
      { name: 'restart', run: () => Promise.reject(new Error('orders lost after restart')) },
      { name: 'grpc', run: async () => void ran.push('grpc') },
    ];
    const outcome = await runStages(stages, async () => void (await stack.destroy()));
    assert.deepEqual(
      outcome.results.map((r) => [r.name, r.status]),
      [
        ['up', 'passed'],
        ['demo', 'passed'],
        ['restart', 'failed'],
        ['grpc', 'skipped'],
      ],
    );
    assert.equal(outcome.results[2]?.error?.message, 'orders lost after restart');
    assert.deepEqual(ran, ['demo']);
    assert.equal(outcome.teardown.error, undefined);
    assert.equal(machine.calls.filter((c) => / down --volumes$/.test(c)).length, 1);
    assert.ok(machine.empty, 'containers, named and anonymous volumes and the network are gone');
  });

  it('a down that fails: what it left is removed by name and reported', async () => {
    const machine = new FakeMachine(true);
    const stack = stackOn(machine);
    await stack.up(['gateway']);
    const { downError, forced } = await stack.destroy();
    assert.match(downError ?? '', /down --volumes exited 1:[\s\S]*timed out/);
    assert.deepEqual(forced.containers.sort(), ['saga-unit_auth_1', 'saga-unit_postgres_1']);
    assert.deepEqual(forced.volumes.sort(), ['3f2a9c', 'saga-unit_postgres-data']);
    assert.deepEqual(forced.networks, ['saga-unit_default']);
    assert.ok(machine.empty);
    assert.ok(nothingLeft(await stack.leftovers()));
  });

  it('a teardown that fails is reported, not lost, and the stages keep their results', async () => {
    const outcome = await runStages([{ name: 'up', run: async () => {} }], () =>
      Promise.reject(new Error('network in use')),
    );
    assert.equal(outcome.results[0]?.status, 'passed');
    assert.equal(outcome.teardown.error?.message, 'network in use');
  });
});
