import { BASE_IMAGE, REPO_ROOT } from './images.js';
import type { ImageInspect } from './image-policy.js';
import { HARDENED_RUN, podmanOk } from './podman.js';

export interface BuiltImage {
  ref: string;
  seconds: number;
  inspect: ImageInspect;
  /** bytes this image adds to the base image */
  overBase: number;
}

/**
 * Builds one target of a Dockerfile exactly as written. `--format docker` keeps HEALTHCHECK (the
 * OCI format drops it); `--pull=never` uses the local stand-in of the base image; podman's layer
 * cache makes an unchanged rebuild take seconds.
 */
export async function buildImage(
  dockerfile: string,
  target: string,
  ref: string,
): Promise<BuiltImage> {
  const started = Date.now();
  await podmanOk([
    'build',
    '--pull=never',
    '--network',
    'host',
    '--format',
    'docker',
    '--layers',
    '-f',
    dockerfile,
    '--target',
    target,
    '-t',
    ref,
    REPO_ROOT,
  ]);
  const seconds = (Date.now() - started) / 1000;
  const inspect = await inspectImage(ref);
  const base = await inspectImage(BASE_IMAGE);
  return { ref, seconds, inspect, overBase: inspect.Size - base.Size };
}

export async function inspectImage(ref: string): Promise<ImageInspect> {
  const [inspect] = JSON.parse(await podmanOk(['image', 'inspect', ref])) as ImageInspect[];
  if (!inspect) throw new Error(`${ref}: podman image inspect returned nothing`);
  return inspect;
}

/** Runs a one-off command in a fresh container of `ref`, as the image's own user. */
export function runOnce(
  ref: string,
  command: string[],
  env: Record<string, string> = {},
): Promise<string> {
  const envArgs = Object.entries(env).flatMap(([key, value]) => ['--env', `${key}=${value}`]);
  return podmanOk(['run', '--rm', ...HARDENED_RUN, ...envArgs, ref, ...command]);
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
