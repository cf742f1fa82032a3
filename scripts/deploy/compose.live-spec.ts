// `npm run test:compose` (scripts/deploy/test-compose.sh): the core of docker/compose.yaml for
// real under podman-compose, with the project's own images and local stand-ins for the public
// ones. Each stage runs once, in order; the stack is torn down before any result is reported, so
// a failure halfway leaves nothing behind (compose-stages.spec.ts proves that part).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { buildImage } from '../images/image-build.js';
import { APP_IMAGES, GATEWAY_IMAGE, REPO_ROOT, imageRef } from '../images/images.js';
import {
  gatewayUnprivileged,
  grpcThroughGateway,
  restartKeepsOrders,
} from './compose-live-checks.js';
import { runDemo, startCore, type LiveRun } from './compose-live-steps.js';
import { CORE_ENTRY, readCompose, startLevels, STAND_INS } from './compose-core.js';
import { ComposeStack } from './compose-stack.js';
import { runStages, type StagesOutcome } from './compose-stages.js';
import { publishedPorts } from './published-ports.js';

const COMPOSE_FILE = join(REPO_ROOT, 'docker/compose.yaml');

describe('docker/compose.yaml for real: the core under podman-compose', () => {
  const dir = mkdtempSync(join(tmpdir(), 'saga-compose-'));
  let outcome: StagesOutcome;
  let run: LiveRun;

  before(async () => {
    const ports = await publishedPorts();
    const envFile = join(dir, 'env');
    execFileSync(process.execPath, [
      join(REPO_ROOT, 'dist/scripts/deploy/generate-env.js'),
      envFile,
    ]);
    appendFileSync(
      envFile,
      `GATEWAY_HOST_HTTP_PORT=${ports.http}\nGATEWAY_HOST_GRPC_PORT=${ports.grpc}\n`,
    );
    const compose = readCompose(COMPOSE_FILE);
    const stack = new ComposeStack({
      project: `saga-compose-test-${randomBytes(3).toString('hex')}`,
      composeFile: COMPOSE_FILE,
      envFile,
      podmanCompose: join(REPO_ROOT, '.tools/bin/podman-compose'),
    });
    run = {
      stack,
      compose,
      levels: startLevels(compose, CORE_ENTRY),
      httpPort: ports.http,
      grpcPort: ports.grpc,
    };
    outcome = await runStages(
      [
        { name: 'images', run: buildImages },
        { name: 'up', run: (note) => startCore(run, note) },
        { name: 'gateway user', run: (note) => gatewayUnprivileged(run, note) },
        { name: 'demo', run: (note) => runDemo(run, note) },
        { name: 'grpc', run: (note) => grpcThroughGateway(run, note) },
        { name: 'restart', run: (note) => restartKeepsOrders(run, note) },
      ],
      async (note) => {
        const { downError, forced } = await stack.destroy();
        if (downError) note(`down failed (${downError.split('\n')[0]}); removed by name instead`);
        note(`forced: ${JSON.stringify(forced)}`);
      },
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const stage = (t: TestContext, name: string) => {
    const result = outcome.results.find((r) => r.name === name);
    assert.ok(result, `no stage ${name}`);
    for (const line of result.notes) t.diagnostic(line);
    if (result.status === 'skipped') assert.fail(`not run: ${result.notes.join('; ')} failed`);
    if (result.error) throw result.error;
    t.diagnostic(`${result.seconds.toFixed(1)}s`);
  };

  it('builds the three app images and the gateway image from their Dockerfiles', (t) =>
    stage(t, 'images'));
  it(`starts the core level by level, each healthy (stand-ins: ${Object.keys(STAND_INS).join(', ')})`, (t) =>
    stage(t, 'up'));
  it('runs the gateway as uid 101 without capabilities on a read-only root filesystem', (t) =>
    stage(t, 'gateway user'));
  it('runs the demo through the gateway on HTTP', (t) => stage(t, 'demo'));
  it('creates and reads an order over gRPC through the gateway', (t) => stage(t, 'grpc'));
  it('stops, starts again and finds the orders, customer and payments still there', (t) =>
    stage(t, 'restart'));
  it('stops and leaves no container, volume or network behind', (t) => {
    for (const line of outcome.teardown.notes) t.diagnostic(line);
    if (outcome.teardown.error) throw outcome.teardown.error;
    assert.ok(
      outcome.teardown.notes.includes('forced: {"containers":[],"volumes":[],"networks":[]}'),
      'down --volumes removed everything itself',
    );
  });
});

async function buildImages(note: (line: string) => void): Promise<void> {
  for (const image of APP_IMAGES) {
    const built = await buildImage(
      join(REPO_ROOT, 'docker/Dockerfile'),
      image.app,
      imageRef(image.app),
    );
    note(`${built.ref} in ${built.seconds.toFixed(1)}s`);
  }
  const context = join(REPO_ROOT, GATEWAY_IMAGE.context);
  const gateway = await buildImage(
    join(context, 'Dockerfile'),
    undefined,
    imageRef(GATEWAY_IMAGE.name),
    context,
  );
  if (gateway.inspect.Config.User !== '101:101')
    throw new Error(`${gateway.ref} runs as "${gateway.inspect.Config.User ?? ''}", not 101:101`);
  note(`${gateway.ref} in ${gateway.seconds.toFixed(1)}s, USER 101:101`);
}
