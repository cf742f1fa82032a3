import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { ComposeFile } from './compose-policy.js';

/** What `npm run test:compose` starts: the gateway and everything it depends on. */
export const CORE_ENTRY = 'gateway';

/**
 * The public images the core runs as local stand-ins (scripts/images/stand-in-services.sh), and
 * what each stand-in is. docs/deploy.md lists the same.
 */
export const STAND_INS: Readonly<Record<string, string>> = {
  postgres: "Debian bookworm's PostgreSQL 15 behind a reduced copy of the official entrypoint",
  mongo: 'FerretDB 1.24 on SQLite (MongoDB wire protocol, SCRAM-SHA-256 users)',
  redis: "Debian bookworm's Redis 7.0, protected mode off as in the official image",
  gateway: "our docker/gateway image, built FROM a stand-in of nginx: Debian bookworm's NGINX 1.22",
};

/**
 * Services whose healthcheck cannot run on their stand-in: the FerretDB image has no mongosh.
 * payments' own readiness (which needs MongoDB) stands in for it.
 */
export const NO_RUNNABLE_HEALTHCHECK = new Set(['mongo']);

export function readCompose(path: string): ComposeFile {
  return parse(readFileSync(path, 'utf8'), { merge: true }) as ComposeFile;
}

function dependenciesOf(compose: ComposeFile, service: string): Record<string, string> {
  const dependsOn = compose.services[service]?.depends_on ?? {};
  if (Array.isArray(dependsOn))
    return Object.fromEntries(dependsOn.map((name) => [name, 'service_started']));
  return Object.fromEntries(Object.entries(dependsOn).map(([name, d]) => [name, d.condition]));
}

/** `entry` and everything it depends on, directly or not. */
export function closureOf(compose: ComposeFile, entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (service: string) => {
    if (seen.has(service)) return;
    if (!compose.services[service]) throw new Error(`compose has no service ${service}`);
    seen.add(service);
    Object.keys(dependenciesOf(compose, service)).forEach(visit);
  };
  visit(entry);
  return seen;
}

/**
 * The closure of `entry` in start order: each level depends only on earlier levels. podman 4.3
 * cannot do this itself (it ignores health conditions, and its --requires graph fails on a chain
 * through a finished one-shot), so the test starts one level at a time and waits for each as
 * compose.yaml's conditions say.
 */
export function startLevels(compose: ComposeFile, entry: string): string[][] {
  const depth = new Map<string, number>();
  const depthOf = (service: string, path: string[]): number => {
    if (path.includes(service))
      throw new Error(`depends_on cycle: ${[...path, service].join(' → ')}`);
    const known = depth.get(service);
    if (known !== undefined) return known;
    const deps = Object.keys(dependenciesOf(compose, service));
    const own =
      deps.length === 0 ? 0 : 1 + Math.max(...deps.map((d) => depthOf(d, [...path, service])));
    depth.set(service, own);
    return own;
  };
  const levels: string[][] = [];
  for (const service of closureOf(compose, entry)) {
    const level = depthOf(service, []);
    (levels[level] ??= []).push(service);
  }
  return levels.map((level) => level.sort());
}

/** How a service counts as started: one-shots must have exited 0, the rest be healthy. */
export function isOneShot(compose: ComposeFile, service: string): boolean {
  return Object.entries(compose.services).some(
    ([name]) => dependenciesOf(compose, name)[service] === 'service_completed_successfully',
  );
}
