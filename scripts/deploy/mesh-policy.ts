import { ref, type K8sObject } from './manifests.js';
import { podTemplateOf, selects } from './pod-spec.js';
import { servicePorts } from './service-policy.js';

/** Retry conditions under which the request never reached the app: safe on top of its own. */
const SAFE_RETRY_ON = new Set(['connect-failure', 'refused-stream', 'reset']);

interface HttpRoute {
  name?: string;
  timeout?: string;
  retries?: { attempts?: number; perTryTimeout?: string; retryOn?: string };
  route?: { destination: { host: string; port?: { number: number } } }[];
}

const of = (objects: K8sObject[], kind: string) => objects.filter((object) => object.kind === kind);
const spec = <T>(object: K8sObject) => (object.spec ?? {}) as T;
const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };
/** Istio durations ("1.5s", "300ms"); NaN for anything Envoy would refuse. */
const seconds = (duration = ''): number => {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(duration);
  return match ? Number(match[1]) * (UNIT_SECONDS[match[2] ?? ''] ?? NaN) : NaN;
};

/**
 * The namespace-wide guarantees (STRICT mTLS, deny-by-default in the mesh and the network, no
 * Secret objects), availability (an HPA and a PDB per app), and Istio references that resolve.
 */
export function meshProblems(objects: K8sObject[], namespace: string): string[] {
  const problems: string[] = [];
  if (
    !of(objects, 'PeerAuthentication').some(
      (p) =>
        spec<{ mtls?: { mode?: string }; selector?: unknown }>(p).mtls?.mode === 'STRICT' &&
        !spec<{ selector?: unknown }>(p).selector,
    )
  ) {
    problems.push(
      `namespace ${namespace}: no namespace-wide PeerAuthentication with mtls.mode STRICT`,
    );
  }
  if (!of(objects, 'AuthorizationPolicy').some((p) => Object.keys(spec(p)).length === 0)) {
    problems.push(
      `namespace ${namespace}: no allow-nothing AuthorizationPolicy (an empty spec) to deny by default`,
    );
  }
  const denyAll = of(objects, 'NetworkPolicy').some((p) => {
    const s = spec<{
      podSelector?: object;
      policyTypes?: string[];
      ingress?: unknown;
      egress?: unknown;
    }>(p);
    return (
      Object.keys(s.podSelector ?? {}).length === 0 &&
      s.policyTypes?.includes('Ingress') &&
      s.policyTypes.includes('Egress') &&
      !s.ingress &&
      !s.egress
    );
  });
  if (!denyAll)
    problems.push(`namespace ${namespace}: no default-deny NetworkPolicy for ingress and egress`);
  for (const secret of of(objects, 'Secret'))
    problems.push(`${ref(secret)}: Secrets are referenced, never committed in manifests`);
  problems.push(
    ...availabilityProblems(objects),
    ...principalProblems(objects, namespace),
    ...routeProblems(objects, namespace),
  );
  return problems;
}

function availabilityProblems(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  for (const deployment of of(objects, 'Deployment').filter(
    (d) => d.metadata.labels?.['app.kubernetes.io/component'] === 'api',
  )) {
    const labels = podTemplateOf(deployment)?.metadata?.labels;
    if (
      !of(objects, 'HorizontalPodAutoscaler').some(
        (h) =>
          spec<{ scaleTargetRef?: { kind: string; name: string } }>(h).scaleTargetRef?.name ===
          deployment.metadata.name,
      )
    ) {
      problems.push(`${ref(deployment)}: no HorizontalPodAutoscaler targets it`);
    }
    if (
      !of(objects, 'PodDisruptionBudget').some((p) =>
        selects(
          spec<{ selector?: { matchLabels?: Record<string, string> } }>(p).selector?.matchLabels,
          labels,
        ),
      )
    ) {
      problems.push(`${ref(deployment)}: no PodDisruptionBudget selects its pods`);
    }
  }
  return problems;
}

/** `cluster.local/ns/<ns>/sa/<name>` in this namespace must be a ServiceAccount we deploy. */
function principalProblems(objects: K8sObject[], namespace: string): string[] {
  const accounts = new Set(of(objects, 'ServiceAccount').map((sa) => sa.metadata.name));
  const problems: string[] = [];
  for (const policy of of(objects, 'AuthorizationPolicy')) {
    const rules =
      spec<{ rules?: { from?: { source: { principals?: string[] } }[] }[] }>(policy).rules ?? [];
    for (const principal of rules
      .flatMap((rule) => rule.from ?? [])
      .flatMap((from) => from.source.principals ?? [])) {
      const match = /^cluster\.local\/ns\/([^/]+)\/sa\/([^/]+)$/.exec(principal);
      if (!match)
        problems.push(
          `${ref(policy)}: principal ${principal} is not cluster.local/ns/<namespace>/sa/<name>`,
        );
      else if (match[1] === namespace && !accounts.has(match[2] ?? ''))
        problems.push(
          `${ref(policy)}: principal ${principal} names no ServiceAccount in ${namespace}`,
        );
      else if (match[1] !== namespace && match[1] !== 'istio-system')
        problems.push(
          `${ref(policy)}: principal ${principal} is in namespace ${match[1]}, not ${namespace}`,
        );
    }
  }
  return problems;
}

function routeProblems(objects: K8sObject[], namespace: string): string[] {
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
