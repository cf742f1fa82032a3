import { of, ref, spec, type K8sObject } from './manifests.js';
import { servicePorts } from './service-policy.js';

/** Retry conditions under which the request never reached the app: safe on top of its own. */
const SAFE_RETRY_ON = new Set(['connect-failure', 'refused-stream', 'reset']);

interface HttpRoute {
  name?: string;
  timeout?: string;
  retries?: { attempts?: number; perTryTimeout?: string; retryOn?: string };
  route?: { destination: { host: string; port?: { number: number } } }[];
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
