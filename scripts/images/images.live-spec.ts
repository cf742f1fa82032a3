// `npm run test:images`: builds every app image from docker/Dockerfile unchanged, checks it, runs
// the three as a production-mode stack against the host's real PostgreSQL, MongoDB-wire server
// and Redis, then stops each with SIGTERM. Under node:test like every other suite; a variant
// Dockerfile is checked with IMAGES_DOCKERFILE=<path>, one app with IMAGES_ONLY=<app>.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { grpcHealthStatus } from '#testing';
import { AppContainer } from './container.js';
import { buildImage, megabytes, runOnce, type BuiltImage } from './image-build.js';
import { imageProblems } from './image-policy.js';
import {
  APP_IMAGES,
  BASE_IMAGE,
  DOCKERFILE,
  IMAGE_REGISTRY,
  REPO_ROOT,
  imageRef,
} from './images.js';
import { rootImageIsRejected } from './negative-control.js';
import { podman } from './podman.js';
import { StackEnv } from './stack-env.js';

/** Below the apps' own forced exit (10 s) plus margin, and Kubernetes' default 30 s. */
const GRACE_SECONDS = 15;
const READY_TIMEOUT_MS = 60_000;
const DEFAULT_DOCKERFILE = `${REPO_ROOT}${DOCKERFILE}`;
const dockerfile = process.env.IMAGES_DOCKERFILE ?? DEFAULT_DOCKERFILE;
/** A variant Dockerfile never overwrites the real image names. */
const refOf = (app: string) =>
  dockerfile === DEFAULT_DOCKERFILE
    ? imageRef(app)
    : imageRef(app).replace(IMAGE_REGISTRY, 'localhost/saga-variant');
const images = APP_IMAGES.filter(
  (image) => !process.env.IMAGES_ONLY || image.app === process.env.IMAGES_ONLY,
);

describe(`app images from ${dockerfile.slice(REPO_ROOT.length)}`, () => {
  const built = new Map<string, BuiltImage>();
  const buildErrors = new Map<string, string>();
  const running = new Map<string, AppContainer>();
  let stack: StackEnv | undefined;

  before(async () => {
    // One at a time: the targets share their first stages, and this machine has two cores.
    for (const image of images) {
      try {
        built.set(image.app, await buildImage(dockerfile, image.app, refOf(image.app)));
      } catch (error) {
        buildErrors.set(image.app, error instanceof Error ? error.message : String(error));
      }
    }
    stack = await StackEnv.create(APP_IMAGES);
  });
  after(async () => {
    await Promise.allSettled([...running.values()].map((container) => container.remove()));
    await stack?.close();
    if (dockerfile !== DEFAULT_DOCKERFILE) {
      await podman(['rmi', '-f', ...images.map((image) => refOf(image.app))], { quiet: true });
    }
  });
  for (const image of images) {
    it(`${image.app}: builds, non-root, within the size and port policy`, (t) => {
      const result = built.get(image.app);
      assert.ok(result, `${image.app} did not build: ${buildErrors.get(image.app) ?? ''}`);
      const ports = [image.httpPort, ...(image.grpcPort ? [image.grpcPort] : [])];
      assert.deepEqual(imageProblems(result.ref, result.inspect, ports), []);
      t.diagnostic(
        `built in ${result.seconds.toFixed(1)}s, +${megabytes(result.overBase)} over ${BASE_IMAGE}`,
      );
    });

    it(`${image.app}: migrates, runs read-only as a user, ready and SERVING`, async (t) => {
      assert.ok(built.get(image.app), `${image.app} did not build`);
      if (image.migrates && image.app !== 'payments') {
        const out = await runOnce(
          refOf(image.app),
          ['node', 'dist/scripts/deploy/migrate.js', image.app],
          {
            DATABASE_URL: stack!.databaseUrl(image.app),
          },
        );
        t.diagnostic(out.split('\n').pop() ?? '');
      }
      const container = await AppContainer.start(
        `saga-image-${image.app}`,
        refOf(image.app),
        stack!.envFor(image.app),
        GRACE_SECONDS,
      );
      running.set(image.app, container);
      const readyIn = await container.waitReady(stack!.ports[image.app].http, READY_TIMEOUT_MS);
      const uid = await container.exec(['id', '-u']);
      assert.match(uid, /^\d+$/);
      assert.notEqual(uid, '0', 'runs as root');
      assert.ok(await container.healthy(), 'its HEALTHCHECK reports unhealthy while ready is 200');
      const grpcPort = stack!.ports[image.app].grpc;
      if (grpcPort && image.grpcService) {
        assert.equal(await grpcHealthStatus(grpcPort, image.grpcService), 'SERVING');
      }
      t.diagnostic(`uid ${uid}, read-only rootfs, ready in ${readyIn.toFixed(1)}s`);
    });
  }

  for (const image of [...images].reverse()) {
    it(`${image.app}: SIGTERM → exit 0 within ${GRACE_SECONDS}s`, async (t) => {
      const container = running.get(image.app);
      assert.ok(container, `${image.app} was not running`);
      const outcome = await container.stop(GRACE_SECONDS);
      const logs = outcome.exitCode === 0 ? '' : await container.logs();
      assert.equal(outcome.exitCode, 0, logs);
      assert.ok(outcome.seconds < GRACE_SECONDS, `took ${outcome.seconds.toFixed(1)}s`);
      t.diagnostic(`exit 0 in ${outcome.seconds.toFixed(1)}s`);
    });
  }

  it('refuses a Dockerfile without USER (negative control)', async (t) => {
    if (process.env.IMAGES_ONLY) return t.skip('only one app asked for');
    t.diagnostic(`refused: "${await rootImageIsRejected(dockerfile)}"`);
  });
});
