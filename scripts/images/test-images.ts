// `npm run test:images`: builds every app image from docker/Dockerfile unchanged, checks it, runs
// the three as a production-mode stack against the host's real PostgreSQL, MongoDB-wire server
// and Redis, then stops each with SIGTERM. One line per image; exits 1 on any failure.
//   options: --dockerfile <path> (a variant to check), --only <app>, --skip-negative-control
import { parseArgs } from 'node:util';
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
  type AppImage,
} from './images.js';
import { rootImageIsRejected } from './negative-control.js';
import { podman } from './podman.js';
import { StackEnv } from './stack-env.js';

/** Below the apps' own forced exit (10 s) plus margin, and Kubernetes' default 30 s. */
const GRACE_SECONDS = 15;
const READY_TIMEOUT_MS = 60_000;

const { values } = parseArgs({
  options: {
    dockerfile: { type: 'string', default: `${REPO_ROOT}${DOCKERFILE}` },
    only: { type: 'string' },
    'skip-negative-control': { type: 'boolean', default: false },
  },
});
const DEFAULT_DOCKERFILE = `${REPO_ROOT}${DOCKERFILE}`;
/** A variant Dockerfile never overwrites the real image names. */
const refOf = (app: string) =>
  values.dockerfile === DEFAULT_DOCKERFILE
    ? imageRef(app)
    : imageRef(app).replace(IMAGE_REGISTRY, 'localhost/saga-variant');
const images = APP_IMAGES.filter((image) => !values.only || image.app === values.only);
const failures = new Map<string, string>();
const notes = new Map<string, string[]>();
const note = (app: string, text: string) => notes.set(app, [...(notes.get(app) ?? []), text]);
const fail = (app: string, error: unknown) => {
  if (!failures.has(app)) failures.set(app, error instanceof Error ? error.message : String(error));
};

async function buildAndCheck(image: AppImage): Promise<BuiltImage | undefined> {
  try {
    const built = await buildImage(values.dockerfile, image.app, refOf(image.app));
    const ports = [image.httpPort, ...(image.grpcPort ? [image.grpcPort] : [])];
    const problems = imageProblems(built.ref, built.inspect, ports);
    if (problems.length > 0) throw new Error(problems.join('\n'));
    note(
      image.app,
      `built in ${built.seconds.toFixed(1)}s, +${megabytes(built.overBase)} over ${BASE_IMAGE}`,
    );
    return built;
  } catch (error) {
    fail(image.app, error);
    return undefined;
  }
}

async function migrate(image: AppImage, stack: StackEnv): Promise<void> {
  if (!image.migrates || image.app === 'payments') return;
  const out = await runOnce(
    refOf(image.app),
    ['node', 'dist/scripts/deploy/migrate.js', image.app],
    {
      DATABASE_URL: stack.databaseUrl(image.app),
    },
  );
  note(image.app, out.split('\n').pop() ?? '');
}

async function start(image: AppImage, stack: StackEnv): Promise<AppContainer> {
  const ref = refOf(image.app);
  const container = await AppContainer.start(
    `saga-image-${image.app}`,
    ref,
    stack.envFor(image.app),
    GRACE_SECONDS,
  );
  const readyIn = await container.waitReady(stack.ports[image.app].http, READY_TIMEOUT_MS);
  const uid = await container.exec(['id', '-u']);
  if (uid === '0' || !/^\d+$/.test(uid))
    throw new Error(`${ref}: runs as uid ${uid} in the container`);
  if (!(await container.healthy()))
    throw new Error(`${ref}: its HEALTHCHECK reports unhealthy while /health/ready is 200`);
  const grpcPort = stack.ports[image.app].grpc;
  if (grpcPort && image.grpcService) {
    const status = await grpcHealthStatus(grpcPort, image.grpcService);
    if (status !== 'SERVING')
      throw new Error(`${ref}: gRPC health of ${image.grpcService} is ${status}`);
  }
  note(
    image.app,
    `uid ${uid}, read-only rootfs, ready in ${readyIn.toFixed(1)}s${grpcPort ? ', gRPC SERVING' : ''}`,
  );
  return container;
}

async function stop(image: AppImage, container: AppContainer): Promise<void> {
  const outcome = await container.stop(GRACE_SECONDS);
  if (outcome.exitCode !== 0 || outcome.seconds >= GRACE_SECONDS) {
    throw new Error(
      `${container.image}: SIGTERM → exit ${outcome.exitCode} after ${outcome.seconds.toFixed(1)}s ` +
        `(want 0 within ${GRACE_SECONDS}s):\n${await container.logs()}`,
    );
  }
  note(image.app, `SIGTERM → exit 0 in ${outcome.seconds.toFixed(1)}s`);
}

async function main(): Promise<void> {
  // One at a time: the targets share their first stages, and this machine has two cores.
  const built: AppImage[] = [];
  for (const image of images) if (await buildAndCheck(image)) built.push(image);
  const stack = await StackEnv.create(APP_IMAGES);
  const running: [AppImage, AppContainer][] = [];
  try {
    for (const image of built) {
      try {
        await migrate(image, stack);
        running.push([image, await start(image, stack)]);
      } catch (error) {
        fail(image.app, error);
      }
    }
    for (const [image, container] of running.reverse()) {
      await stop(image, container).catch((error: unknown) => fail(image.app, error));
    }
  } finally {
    await Promise.allSettled(running.map(([, container]) => container.remove()));
    await stack.close();
    if (values.dockerfile !== DEFAULT_DOCKERFILE) {
      await podman(['rmi', '-f', ...images.map((image) => refOf(image.app))], { quiet: true });
    }
  }
  if (!values['skip-negative-control']) {
    await rootImageIsRejected(values.dockerfile).then(
      (message) => note('negative control', `a Dockerfile without USER is refused: "${message}"`),
      (error: unknown) => fail('negative control', error),
    );
  }
}

await main().catch((error: unknown) => fail('setup', error));
const names = new Set([...images.map((image) => image.app), ...notes.keys(), ...failures.keys()]);
for (const name of names) {
  const failure = failures.get(name);
  process.stdout.write(
    failure
      ? `FAIL ${name}: ${failure}\n`
      : `PASS ${name}: ${(notes.get(name) ?? []).join('; ')}\n`,
  );
}
process.stdout.write(`images: ${names.size - failures.size} passed, ${failures.size} failed\n`);
process.exitCode = failures.size > 0 ? 1 : 0;
