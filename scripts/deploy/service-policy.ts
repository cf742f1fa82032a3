import { ref, type K8sObject } from './manifests.js';
import { podTemplateOf, selects, type PodTemplate } from './pod-spec.js';

/** Port name prefixes Istio reads as the protocol (anything else is treated as opaque TCP). */
const ISTIO_PROTOCOLS = [
  'http',
  'http2',
  'https',
  'grpc',
  'grpc-web',
  'tcp',
  'tls',
  'udp',
  'mongo',
  'mysql',
  'redis',
];

interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
}

/**
 * Services must select pods that exist, route to ports those pods declare, and name each port
 * with the protocol Istio should speak (a gRPC port named "web" would lose HTTP/2 routing).
 */
export function serviceProblems(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  const templates = objects
    .filter((object) => object.kind === 'Deployment' || object.kind === 'StatefulSet')
    .map((object) => podTemplateOf(object))
    .filter((template): template is PodTemplate => template !== undefined);
  for (const service of objects.filter((object) => object.kind === 'Service')) {
    const spec = service.spec as { selector?: Record<string, string>; ports?: ServicePort[] };
    const pods = templates.filter((template) => selects(spec.selector, template.metadata?.labels));
    if (pods.length === 0)
      problems.push(`${ref(service)}: its selector matches no Deployment's pods`);
    for (const port of spec.ports ?? []) {
      const name = port.name ?? '';
      const label = `${ref(service)} port ${JSON.stringify(name)} (${port.port})`;
      if (
        !ISTIO_PROTOCOLS.some((protocol) => name === protocol || name.startsWith(`${protocol}-`))
      ) {
        problems.push(
          `${label}: the name must start with an Istio protocol (${ISTIO_PROTOCOLS.join(', ')})`,
        );
      }
      const target = port.targetPort ?? port.port;
      const served = pods.some((pod) =>
        pod.spec.containers.some((container) =>
          (container.ports ?? []).some((p) =>
            typeof target === 'number' ? p.containerPort === target : p.name === target,
          ),
        ),
      );
      if (pods.length > 0 && !served)
        problems.push(
          `${label}: targetPort ${JSON.stringify(target)} is not a port of the selected pods`,
        );
    }
  }
  return problems;
}

/** The ports a Service named `name` exposes, for checks of routes that point at it. */
export function servicePorts(objects: K8sObject[], name: string): number[] | undefined {
  const service = objects.find(
    (object) => object.kind === 'Service' && object.metadata.name === name,
  );
  return (service?.spec as { ports?: ServicePort[] } | undefined)?.ports?.map((port) => port.port);
}
