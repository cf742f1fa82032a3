import type { BenchStack } from './bench-stack.js';
import { runK6, type LoadResult, type LoadSpec } from './k6-run.js';

const say = (text: string) => process.stdout.write(`[bench] ${text}\n`);

/** Where a run goes: straight at the first orders replica, or through the gateway (NGINX). */
export type Via = 'direct' | 'gateway';

/** One k6 run against `stack`, over the protocol `spec.target` names. */
export function load(
  repoRoot: string,
  stack: BenchStack,
  spec: LoadSpec,
  via: Via = 'direct',
): Promise<LoadResult> {
  say(
    `${spec.label}: ${spec.model === 'open' ? `${spec.rate}/s` : `${spec.vus} VUs`} for ${spec.duration}`,
  );
  const orders = stack.orders[0]!;
  const direct = via === 'direct';
  return runK6(repoRoot, spec, {
    TOKEN: stack.token,
    ORDERS_GRPC: `127.0.0.1:${direct ? orders.grpcPort : stack.gateway.grpcPort}`,
    ORDERS_URL: direct ? `http://127.0.0.1:${orders.httpPort}` : stack.gateway.url,
  });
}
