import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BASE_IMAGE, REPO_ROOT } from './images.js';
import type { ImageInspect } from './image-policy.js';
import { HARDENED_RUN, podman, podmanOk } from './podman.js';

export interface BuiltImage {
  ref: string;
  seconds: number;
  inspect: ImageInspect;
  /** bytes this image adds to the base image */
  overBase: number;
}

const APT_SOURCES = '/etc/apt/sources.list';
const APT_SOURCES_D = '/etc/apt/sources.list.d';

/**
 * This machine's enabled apt source files, each bind-mounted read-only at its own path: the
 * stand-in base images carry no sources (they would name the mirror), so a Dockerfile's
 * `apt-get install` reaches Debian through the host's configuration (the same as
 * scripts/images/apt-sources.sh). Only over a stand-in: a real base image has its own sources,
 * and a host of another distribution (GitHub's Ubuntu runners) must not replace them.
 */
export async function aptSourceMounts(): Promise<string[]> {
  const label = await podman(
    ['image', 'inspect', '--format', '{{ index .Labels "saga.stand-in.node" }}', BASE_IMAGE],
    { quiet: true },
  );
  const standIn = label.code === 0 && !['', '<no value>'].includes(label.stdout.trim());
  if (!standIn) return [];
  const named = existsSync(APT_SOURCES_D)
    ? readdirSync(APT_SOURCES_D)
        .filter((name) => name.endsWith('.list') || name.endsWith('.sources'))
        .map((name) => join(APT_SOURCES_D, name))
    : [];
  return [APT_SOURCES, ...named]
    .filter((file) => existsSync(file) && statSync(file).size > 0)
    .flatMap((file) => ['--volume', `${file}:${file}:ro`]);
}

/**
 * Builds one target of a Dockerfile exactly as written (no target: the last stage).
 * `--format docker` keeps HEALTHCHECK (the OCI format drops it); `--pull=never` uses the local
 * stand-in of the base image; podman's layer cache makes an unchanged rebuild take seconds.
 */
export async function buildImage(
  dockerfile: string,
  target: string | undefined,
  ref: string,
  context = REPO_ROOT,
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
    ...(await aptSourceMounts()),
    '-f',
    dockerfile,
    ...(target ? ['--target', target] : []),
    '-t',
    ref,
    context,
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
