import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fields } from '#platform';
import { GATEWAY_IMAGE, IMAGE_REGISTRY } from '../images/images.js';
import type { ComposeService } from './compose-file.js';

/**
 * What every image built here must be: its context and Dockerfile present, the name the image
 * scripts build, and run hardened (read-only root, no capabilities, no privilege escalation).
 */
export function buildProblems(name: string, service: ComposeService, composeDir: string): string[] {
  const problems: string[] = [];
  const say = (problem: string) => problems.push(`service ${name}: ${problem}`);
  const context = service.build?.context ?? '.';
  const dockerfile = service.build?.dockerfile ?? 'Dockerfile';
  if (!existsSync(join(composeDir, context))) say(`builds from ${context}, which does not exist`);
  else if (!existsSync(join(composeDir, context, dockerfile)))
    say(`builds ${join(context, dockerfile)}, which does not exist`);
  const image = service.image ?? '';
  const gateway = `${IMAGE_REGISTRY}/${GATEWAY_IMAGE.name}:`;
  if (service.build?.target === undefined && !image.startsWith(gateway))
    say(`image ${image || '(none)'} should be ${gateway}<tag>, the name the image script builds`);
  if (service.read_only !== true) say('built containers run with read_only: true');
  if (!service.cap_drop?.includes('ALL')) say('built containers drop ALL capabilities');
  if (!service.security_opt?.some((opt) => opt.startsWith('no-new-privileges')))
    say('built containers set no-new-privileges');
  return problems;
}

/** A migration needs only its database: a PostgreSQL URL that is not this container. */
export function migrationEnvProblems(owner: string, env: Record<string, string>): string[] {
  const url = env.DATABASE_URL ?? '';
  if (!fields.postgresUrl.safeParse(url).success)
    return [`${owner}: DATABASE_URL is ${url ? 'not a PostgreSQL URL' : 'missing'}`];
  if (/@(localhost|127\.0\.0\.1)[:/]/.test(url))
    return [
      `${owner}: DATABASE_URL points at localhost: inside a container that is the container itself`,
    ];
  return [];
}
