// The configuration files of docker/observability, adjusted only as far as a test on one machine
// needs: listeners moved to free ports on 127.0.0.1, compose host names replaced by the test's
// addresses, and (for the collector) the components our build lacks left out, each named.
import { parse } from 'yaml';

type Tree = Record<string, unknown>;
const KINDS = ['receivers', 'processors', 'exporters', 'connectors', 'extensions'] as const;
/** Collector v0.165 renamed these exporters and still accepts the old names our file uses. */
const RENAMED: Record<string, string> = { otlp: 'otlp_grpc', otlphttp: 'otlp_http' };

/** Component names per kind, as `otelcol components` prints them. */
export type BuiltComponents = Record<(typeof KINDS)[number], Set<string>>;

export function parseComponents(yamlText: string): BuiltComponents {
  const listed = parse(yamlText) as Record<string, { name: string }[] | null>;
  const names = (kind: string) => new Set((listed[kind] ?? []).map((c) => c.name));
  return Object.fromEntries(KINDS.map((kind) => [kind, names(kind)])) as BuiltComponents;
}

/** Every `endpoint` that listens on all addresses (0.0.0.0:port), in the order found. */
export function listenEndpoints(config: unknown): string[] {
  const found: string[] = [];
  walk(config, (key, value) => {
    if (key === 'endpoint' && typeof value === 'string' && value.startsWith('0.0.0.0:'))
      found.push(value);
  });
  return [...new Set(found)];
}

/** A copy of `config` with each `endpoint` value found in `moves` replaced by its new value. */
export function moveEndpoints<T>(config: T, moves: ReadonlyMap<string, string>): T {
  const copy = structuredClone(config);
  walk(copy, (key, value, parent) => {
    if (key === 'endpoint' && typeof value === 'string' && moves.has(value))
      parent[key] = moves.get(value);
  });
  return copy;
}

/** The collector's own metrics (service.telemetry … pull → prometheus host/port) moved to `port`. */
export function moveTelemetryMetrics<T>(config: T, port: number): T {
  const copy = structuredClone(config);
  walk(copy, (key, value, parent) => {
    const listener = value as { host?: string; port?: number } | null;
    if (key === 'prometheus' && listener && typeof listener === 'object' && 'port' in listener)
      parent[key] = { ...listener, host: '127.0.0.1', port };
  });
  return copy;
}

/**
 * The part of a collector config a build supports: components it lacks are removed (from their
 * section, the service's extensions and every pipeline), then pipelines left without a receiver
 * or an exporter. `dropped` names each removal, for the test's output.
 */
export function supportedCollectorConfig(
  config: Tree,
  built: BuiltComponents,
): { config: Tree; dropped: string[] } {
  const copy = structuredClone(config);
  const dropped: string[] = [];
  const has = (kind: (typeof KINDS)[number], id: string) => {
    const type = id.split('/')[0] ?? id;
    return built[kind].has(type) || built[kind].has(RENAMED[type] ?? '');
  };
  for (const kind of KINDS) {
    const section = (copy[kind] ?? {}) as Tree;
    for (const id of Object.keys(section)) {
      if (has(kind, id)) continue;
      delete section[id];
      dropped.push(`${kind.slice(0, -1)} ${id}`);
    }
  }
  const service = (copy.service ?? {}) as { extensions?: string[]; pipelines?: Tree };
  service.extensions = (service.extensions ?? []).filter((id) => has('extensions', id));
  for (const [name, value] of Object.entries(service.pipelines ?? {})) {
    const pipeline = value as Record<string, string[]>;
    for (const kind of ['receivers', 'processors', 'exporters'] as const)
      pipeline[kind] = (pipeline[kind] ?? []).filter((id) => has(kind, id));
    if (pipeline.receivers?.length === 0 || pipeline.exporters?.length === 0) {
      delete service.pipelines?.[name];
      dropped.push(`pipeline ${name} (nothing left to export to)`);
    }
  }
  return { config: copy, dropped };
}

/**
 * prometheus.yml with each job scraping the test's address for it (`targets`, by job name) at
 * `interval`, rules evaluated as often; a job the test has no address for is left out and named.
 */
export function prometheusConfigForTest(
  config: Tree,
  targets: Readonly<Record<string, string>>,
  interval: string,
): { config: Tree; dropped: string[] } {
  const copy = structuredClone(config);
  copy.global = {
    ...(copy.global as Tree),
    scrape_interval: interval,
    evaluation_interval: interval,
  };
  const jobs = (copy.scrape_configs ?? []) as { job_name: string; static_configs?: unknown }[];
  const dropped = jobs.filter((job) => !targets[job.job_name]).map((job) => `job ${job.job_name}`);
  copy.scrape_configs = jobs
    .filter((job) => targets[job.job_name])
    .map((job) => ({ ...job, static_configs: [{ targets: [targets[job.job_name]] }] }));
  return { config: copy, dropped };
}

function walk(node: unknown, visit: (key: string, value: unknown, parent: Tree) => void): void {
  if (Array.isArray(node)) node.forEach((item) => walk(item, visit));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node as Tree)) {
      visit(key, value, node as Tree);
      walk(value, visit);
    }
  }
}
