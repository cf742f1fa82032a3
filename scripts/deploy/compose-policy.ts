import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { APP_IMAGES, imageName } from '../images/images.js';
import { appEnvProblems } from './app-env.js';
import { buildProblems, migrationEnvProblems } from './compose-build-policy.js';
import type { ComposeFile, ComposeService } from './compose-file.js';

export type { ComposeFile, ComposeService } from './compose-file.js';

/** DESIGN.md section 6: what "the full stack" means. */
export const STACK = [
  'postgres',
  'mongo',
  'redis',
  'auth',
  'orders',
  'payments',
  'gateway',
  // One-shot: each app's migrations, before the app starts (as the Kubernetes Jobs).
  'auth-migrate',
  'orders-migrate',
  'postgres-exporter',
  'redis-exporter',
  'otel-collector',
  'jaeger',
  'prometheus',
  'grafana',
  'elasticsearch',
  'kibana',
  'log-shipper',
  // One-shot: the log index template and Kibana data view (docker/observability/elk/).
  'log-setup',
];
const APPS = new Set(APP_IMAGES.map((image) => image.app as string));
const SECRET_NAME = /PASSWORD|SECRET|TOKEN|PRIVATE|_KEY$/;
const MIGRATE_COMMAND = 'dist/scripts/deploy/migrate.js';

export function environmentOf(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env))
    return Object.fromEntries(
      env.map((line) => [line.split('=')[0] ?? '', line.split('=').slice(1).join('=')]),
    );
  return Object.fromEntries(
    Object.entries(env).map(([key, value]) => [key, value === null ? '' : String(value)]),
  );
}

/** Checks of the file as written (before interpolation): secrets come only from the environment. */
export function rawComposeProblems(raw: ComposeFile): string[] {
  const problems: string[] = [];
  for (const [name, service] of Object.entries(raw.services ?? {})) {
    for (const [key, value] of Object.entries(environmentOf(service))) {
      const credentialInUrl = /:\/\/[^:/@\s]+:([^@\s]+)@/.exec(value)?.[1];
      if (SECRET_NAME.test(key) && value && !/^\$\{[^}]+\}$/.test(value))
        problems.push(
          `service ${name}: ${key} is written in the file; take it from docker/.env as \${${key}}`,
        );
      if (credentialInUrl && !credentialInUrl.startsWith('${'))
        problems.push(
          `service ${name}: ${key} has a password written in the file; use \${…} from docker/.env`,
        );
    }
  }
  return problems;
}

/** Checks of the interpolated file: the stack, images, health-gated start order, apps' env. */
export function composeProblems(compose: ComposeFile, composeDir: string): string[] {
  const problems: string[] = [];
  const services = compose.services ?? {};
  for (const missing of STACK.filter((name) => !services[name]))
    problems.push(`compose: the stack has no ${missing} service`);
  for (const [name, service] of Object.entries(services)) {
    const say = (problem: string) => problems.push(`service ${name}: ${problem}`);
    const image = service.image ?? '';
    const tag = /:([^:/]+)$/.exec(image)?.[1];
    if (!tag) say(`image ${image || '(none)'} has no tag`);
    else if (tag === 'latest') say(`image ${image} uses the latest tag`);
    if (service.build) problems.push(...buildProblems(name, service, composeDir));
    const target = service.build?.target;
    if (target !== undefined) {
      if (!APPS.has(target)) say(`builds target ${target}, which docker/Dockerfile does not have`);
      else if (!image.startsWith(`${imageName(target)}:`))
        say(
          `image ${image} should be ${imageName(target)}:<tag>, the name the image script builds`,
        );
      const command = [service.command ?? []].flat().join(' ');
      problems.push(
        ...(command.includes(MIGRATE_COMMAND)
          ? migrationEnvProblems(`service ${name}`, environmentOf(service))
          : appEnvProblems(`service ${name}`, target, environmentOf(service))),
      );
    }
    const dependsOn = Array.isArray(service.depends_on)
      ? Object.fromEntries(service.depends_on.map((d) => [d, { condition: 'service_started' }]))
      : (service.depends_on ?? {});
    for (const [dependency, { condition }] of Object.entries(dependsOn)) {
      const other = services[dependency];
      if (!other) say(`depends on ${dependency}, which is not a service`);
      else if (condition === 'service_healthy' && !hasHealthcheck(other))
        say(`waits for ${dependency} to be healthy, but ${dependency} has no healthcheck`);
      else if (condition === 'service_started' && hasHealthcheck(other))
        say(`starts when ${dependency} has merely started; wait for service_healthy`);
    }
    for (const volume of service.volumes ?? []) {
      const source =
        typeof volume === 'string' ? (volume.split(':')[0] ?? '') : (volume.source ?? '');
      if (source.startsWith('.')) {
        if (!existsSync(join(composeDir, source))) say(`mounts ${source}, which does not exist`);
      } else if (!source.startsWith('/') && !(source in (compose.volumes ?? {})))
        say(`uses volume ${source}, which is not declared under volumes:`);
    }
  }
  return problems;
}

/** Own healthcheck, or the HEALTHCHECK of an app image built from docker/Dockerfile. */
function hasHealthcheck(service: ComposeService): boolean {
  if (service.healthcheck) return service.healthcheck.disable !== true;
  return service.build?.target !== undefined && APPS.has(service.build.target);
}
