import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface LoadSpec {
  label: string;
  target: 'grpc' | 'http';
  model: 'open' | 'closed';
  rate?: number;
  vus?: number;
  duration: string;
}

export interface LoadResult extends LoadSpec {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  requests: number;
  throughput: number;
  errorRate: number;
  dropped: number;
}

interface Summary {
  metrics: Record<string, { values: Record<string, number> } | undefined>;
}

/** Runs load/bench-create-order.js with k6 and reads its summary. */
export async function runK6(
  repoRoot: string,
  spec: LoadSpec,
  env: Record<string, string>,
): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'saga-k6-'));
  const summaryFile = join(dir, 'summary.json');
  const vars = {
    ...env,
    TARGET: spec.target,
    MODEL: spec.model,
    DURATION: spec.duration,
    SUMMARY_FILE: summaryFile,
    PROTO_DIR: join(repoRoot, 'proto'),
    ...(spec.rate ? { RATE: String(spec.rate) } : {}),
    ...(spec.vus ? { VUS: String(spec.vus) } : {}),
  };
  const args = [
    'run',
    '--quiet',
    '--no-color',
    ...Object.entries(vars).flatMap(([k, v]) => ['-e', `${k}=${v}`]),
  ];
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(
      join(repoRoot, '.tools/bin/k6'),
      [...args, join(repoRoot, 'load/bench-create-order.js')],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-2000)));
    child.once('exit', (exit) => {
      if (exit !== 0) process.stderr.write(errors);
      resolve(exit);
    });
  });
  if (code !== 0) throw new Error(`k6 (${spec.label}) exited with ${code}`);
  const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as Summary;
  rmSync(dir, { recursive: true, force: true });
  const latency =
    summary.metrics[spec.target === 'grpc' ? 'grpc_req_duration' : 'http_req_duration']?.values ??
    {};
  const iterations = summary.metrics.iterations?.values ?? {};
  return {
    ...spec,
    p50: latency['p(50)'] ?? Number.NaN,
    p95: latency['p(95)'] ?? Number.NaN,
    p99: latency['p(99)'] ?? Number.NaN,
    max: latency.max ?? Number.NaN,
    requests: iterations.count ?? 0,
    throughput: iterations.rate ?? 0,
    errorRate: 1 - (summary.metrics.checks?.values.rate ?? 0),
    dropped: summary.metrics.dropped_iterations?.values.count ?? 0,
  };
}
