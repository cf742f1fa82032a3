import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { composeProblems, rawComposeProblems, type ComposeFile } from './compose-policy.js';
import { interpolateTree, parseDotenv, references } from './compose-interpolation.js';
import { composeSchemaProblems } from './compose-schema.js';

/**
 * Everything we can know about docker/compose.yaml without pulling its images: every variable
 * it uses has a placeholder in .env.example; interpolated with those, it validates against the
 * Compose Specification schema and our policies; its Prometheus and collector configs are valid.
 */
export function checkCompose(composePath: string): string[] {
  const dir = dirname(composePath);
  const text = readFileSync(composePath, 'utf8');
  const example = parseDotenv(readFileSync(join(dir, '.env.example'), 'utf8'));
  const problems: string[] = [];
  for (const { name, hasDefault } of references(text)) {
    if (!hasDefault && !(name in example))
      problems.push(
        `compose: \${${name}} has no default and no placeholder in docker/.env.example`,
      );
  }
  const raw = parse(text, { merge: true }) as ComposeFile;
  problems.push(...rawComposeProblems(raw));
  let compose: ComposeFile;
  try {
    compose = interpolateTree(raw, example) as ComposeFile;
  } catch (error) {
    return [...problems, `compose: ${error instanceof Error ? error.message : String(error)}`];
  }
  problems.push(...composeSchemaProblems(compose), ...composeProblems(compose, dir));
  problems.push(...prometheusProblems(join(dir, 'observability/prometheus.yml')));
  problems.push(...collectorProblems(join(dir, 'observability/otel-collector.yaml')));
  return [...new Set(problems)];
}

function prometheusProblems(path: string): string[] {
  try {
    execFileSync('promtool', ['check', 'config', path], { stdio: ['ignore', 'pipe', 'pipe'] });
    return [];
  } catch (error) {
    const output = error as { stdout?: Buffer; stderr?: Buffer; message: string };
    return [
      `${path}: promtool check config failed: ${String(output.stderr ?? output.stdout ?? output.message).trim()}`,
    ];
  }
}

/** The collector binary is not here; check that each pipeline names components that are defined. */
function collectorProblems(path: string): string[] {
  const config = parse(readFileSync(path, 'utf8')) as Record<
    string,
    Record<string, unknown> | undefined
  > & {
    service?: { pipelines?: Record<string, Record<string, string[]>>; extensions?: string[] };
  };
  const problems: string[] = [];
  for (const [pipeline, parts] of Object.entries(config.service?.pipelines ?? {})) {
    for (const section of ['receivers', 'processors', 'exporters']) {
      for (const component of parts[section] ?? []) {
        if (!config[section]?.[component])
          problems.push(
            `${path}: pipeline ${pipeline} uses ${section.slice(0, -1)} ${component}, which is not defined`,
          );
      }
    }
  }
  for (const extension of config.service?.extensions ?? []) {
    if (!config.extensions?.[extension])
      problems.push(`${path}: extension ${extension} is not defined`);
  }
  return problems;
}
