import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildImage, runOnce } from './image-build.js';
import { imageProblems } from './image-policy.js';
import { podman } from './podman.js';

const ROOT_IMAGE = 'localhost/saga-negative-control/auth:root';

/**
 * Proves the non-root check can fail: builds the auth target from a copy of the Dockerfile with
 * its USER line removed (every earlier layer comes from cache) and expects the policy to name the
 * image as running as root, and the container to really run as uid 0. Returns the policy message.
 */
export async function rootImageIsRejected(dockerfile: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'saga-negative-'));
  try {
    const original = await readFile(dockerfile, 'utf8');
    const withoutUser = original.replace(/^USER .*$/gm, '');
    if (withoutUser === original) throw new Error(`${dockerfile} has no USER line to remove`);
    const rootDockerfile = join(dir, 'Dockerfile');
    await writeFile(rootDockerfile, withoutUser);
    const built = await buildImage(rootDockerfile, 'auth', ROOT_IMAGE);
    const problem = imageProblems(ROOT_IMAGE, built.inspect, []).find((p) =>
      p.includes('runs as root'),
    );
    if (!problem)
      throw new Error(`the policy accepted ${ROOT_IMAGE}, which has no USER: the check is broken`);
    const uid = await runOnce(ROOT_IMAGE, ['id', '-u']);
    if (uid !== '0') throw new Error(`${ROOT_IMAGE} without USER ran as uid ${uid}, expected 0`);
    return problem;
  } finally {
    await podman(['rmi', '-f', ROOT_IMAGE], { quiet: true });
    await rm(dir, { recursive: true, force: true });
  }
}
