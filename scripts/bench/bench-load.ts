import type { BenchStack } from './bench-stack.js';
import { runK6, type LoadResult, type LoadSpec } from './k6-run.js';

const say = (text: string) => process.stdout.write(`[bench] ${text}\n`);

/** Where a run's gRPC goes: straight at the first orders replica, or through the gateway. */
export type GrpcVia = 'direct' | 'gateway';

/** One k6 run against `stack`. */
export function load(
  repoRoot: string,
  stack: BenchStack,
  spec: LoadSpec,
  via: GrpcVia = 'direct',
): Promise<LoadResult> {
  say(
    `${spec.label}: ${spec.model === 'open' ? `${spec.rate}/s` : `${spec.vus} VUs`} for ${spec.duration}`,
  );
  const grpcPort = via === 'gateway' ? stack.gateway.grpcPort : stack.orders[0]!.grpcPort;
  return runK6(repoRoot, spec, {
    TOKEN: stack.token,
    ORDERS_GRPC: `127.0.0.1:${grpcPort}`,
    ORDERS_URL: stack.gateway.url,
  });
}
