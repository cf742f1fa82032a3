import { apiDeployments, of, ref, spec, type K8sObject } from './manifests.js';
import { servicePorts } from './service-policy.js';

/** Retry conditions under which the request never reached the app: safe on top of its own. */
const SAFE_RETRY_ON = new Set(['connect-failure', 'refused-stream', 'reset']);

interface HttpRoute {
  name?: string;
  timeout?: string;
  retries?: { attempts?: number; perTryTimeout?: string; retryOn?: string };
  route?: { destination: { host: string; port?: { number: number } } }[];
}

/**
 * How long a new replica's share of requests must take to ramp up: a fresh process compiles its
 * hot code for about a minute under load (docs/performance.md, "A new process is slow for a
 * minute"). Envoy's slow start works with these two balancers only.
 */
const MIN_WARMUP_SECONDS = 60;
const WARMUP_BALANCERS = new Set(['LEAST_REQUEST', 'ROUND_ROBIN']);

interface TrafficPolicy {
  loadBalancer?: { simple?: string; warmup?: { duration?: string } };
}

const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };
/** Istio durations ("1.5s", "300ms"); NaN for anything Envoy would refuse. */
const seconds = (duration = ''): number => {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(duration);
  return match ? Number(match[1]) * (UNIT_SECONDS[match[2] ?? ''] ?? NaN) : NaN;
};

export function routeProblems(objects: K8sObject[], namespace: string): string[] {
  const problems: string[] = [];
  const gateways = new Set(of(objects, 'Gateway').map((g) => g.metadata.name));
  const serviceOf = (host: string) =>
    host.replace(new RegExp(`\\.${namespace}\\.svc\\.cluster\\.local$`), '');
  for (const rule of of(objects, 'DestinationRule')) {
    const host = spec<{ host: string }>(rule).host;
    if (!servicePorts(objects, serviceOf(host)))
      problems.push(`${ref(rule)}: host ${host} is no Service in ${namespace}`);
  }
  for (const vs of of(objects, 'VirtualService')) {
    const s = spec<{ gateways?: string[]; http?: HttpRoute[] }>(vs);
    for (const gateway of s.gateways ?? [])
      if (!gateways.has(gateway)) problems.push(`${ref(vs)}: gateway ${gateway} does not exist`);
    for (const route of s.http ?? []) {
      const label = `${ref(vs)} route ${route.name ?? '(unnamed)'}`;
      for (const { destination } of route.route ?? []) {
        const ports = servicePorts(objects, serviceOf(destination.host));
        if (!ports)
          problems.push(`${label}: destination ${destination.host} is no Service in ${namespace}`);
        else if (destination.port && !ports.includes(destination.port.number))
          problems.push(
            `${label}: ${destination.host} has no port ${destination.port.number} (has ${ports.join(', ')})`,
          );
      }
      const unsafe = (route.retries?.retryOn ?? '')
        .split(',')
        .filter((on) => on && !SAFE_RETRY_ON.has(on));
      if (unsafe.length > 0)
        problems.push(
          `${label}: retries on ${unsafe.join(', ')} would repeat requests the apps already retry; only ${[...SAFE_RETRY_ON].join(', ')}`,
        );
      if (!route.timeout) problems.push(`${label}: no timeout`);
      for (const value of [route.timeout, route.retries?.perTryTimeout]) {
        if (value !== undefined && Number.isNaN(seconds(value)))
          problems.push(`${label}: ${JSON.stringify(value)} is not a duration like 3s or 250ms`);
      }
    }
  }
  return problems;
}

/** Every app has a DestinationRule that ramps a new replica up (Envoy's slow start). */
export function slowStartProblems(objects: K8sObject[], namespace: string): string[] {
  const rules = new Map(
    of(objects, 'DestinationRule').map((rule) => [spec<{ host: string }>(rule).host, rule]),
  );
  return apiDeployments(objects).flatMap(({ metadata: { name } }) => {
    const host = `${name}.${namespace}.svc.cluster.local`;
    const rule = rules.get(host);
    if (!rule)
      return [
        `Deployment/${name}: no DestinationRule for ${host}: a new replica would get its full share of requests at once`,
      ];
    return warmupProblems(ref(rule), spec<{ trafficPolicy?: TrafficPolicy }>(rule).trafficPolicy);
  });
}

/** An app's rule must ramp a new replica up for at least MIN_WARMUP_SECONDS. */
function warmupProblems(rule: string, policy: TrafficPolicy | undefined): string[] {
  const balancer = policy?.loadBalancer;
  const duration = balancer?.warmup?.duration;
  if (!(seconds(duration) >= MIN_WARMUP_SECONDS))
    return [
      `${rule}: loadBalancer.warmup.duration ${duration ?? 'unset'}: a new replica must get its share of requests over at least ${MIN_WARMUP_SECONDS}s while it compiles its hot code`,
    ];
  if (!WARMUP_BALANCERS.has(balancer?.simple ?? ''))
    return [
      `${rule}: loadBalancer.simple ${balancer?.simple ?? 'unset'}: Envoy ramps new replicas up only with ${[...WARMUP_BALANCERS].join(' or ')}`,
    ];
  return [];
}

/**
 * The saga's gRPC hop: the mesh's timeout and per-try timeout for payments must exceed the
 * deadline orders sets on each call, so the app's deadline, not Envoy, ends a slow call.
 */
export function grpcHopProblems(objects: K8sObject[], namespace: string): string[] {
  const config = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'orders-config');
  const deadlineMs = Number(config?.data?.PAYMENTS_DEADLINE_MS ?? 2000);
  const host = `payments.${namespace}.svc.cluster.local`;
  const vs = of(objects, 'VirtualService').find((v) =>
    spec<{ hosts?: string[] }>(v).hosts?.includes(host),
  );
  if (!vs) return [`no VirtualService for ${host}: the orders → payments hop has no mesh timeout`];
  const problems: string[] = [];
  for (const route of spec<{ http?: HttpRoute[] }>(vs).http ?? []) {
    const timeouts = {
      timeout: route.timeout,
      'retries.perTryTimeout': route.retries?.perTryTimeout ?? route.timeout,
    };
    for (const [field, value] of Object.entries(timeouts)) {
      if (!(seconds(value) * 1000 > deadlineMs))
        problems.push(
          `${ref(vs)} route ${route.name ?? '(unnamed)'}: ${field} ${value ?? 'unset'} must exceed orders' PAYMENTS_DEADLINE_MS (${deadlineMs} ms)`,
        );
    }
  }
  return problems;
}
