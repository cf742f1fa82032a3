import { IMAGE_REGISTRY } from '../images/images.js';
import { ref, type K8sObject } from './manifests.js';
import {
  LONG_RUNNING,
  allContainers,
  podTemplateOf,
  type Container,
  type PodSpec,
  type Probe,
} from './pod-spec.js';

const PROBES = ['startupProbe', 'readinessProbe', 'livenessProbe'] as const;

/**
 * What every container must be: a pinned image (ours: one the image script builds), requests and
 * limits, non-root without privilege escalation on a read-only root filesystem, and, for
 * long-running workloads, all three probes pointing at ports the container really has.
 */
export function workloadProblems(objects: K8sObject[], builtImages: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (const object of objects) {
    const pod = podTemplateOf(object)?.spec;
    if (!pod) continue;
    for (const container of allContainers(pod)) {
      const where = `${ref(object)} container ${container.name}`;
      const say = (problem: string) => problems.push(`${where}: ${problem}`);
      imageProblems(container.image, builtImages).forEach(say);
      resourceProblems(container).forEach(say);
      securityProblems(container, pod).forEach(say);
      if (LONG_RUNNING.has(object.kind)) probeProblems(container).forEach(say);
    }
  }
  return problems;
}

function imageProblems(image: string, builtImages: ReadonlySet<string>): string[] {
  const [name = '', digest] = image.split('@');
  const colon = name.lastIndexOf(':');
  const hasTag = colon > name.lastIndexOf('/');
  const repository = hasTag ? name.slice(0, colon) : name;
  const tag = hasTag ? name.slice(colon + 1) : undefined;
  if (!tag && !digest) return [`image ${image} has no tag (it would mean latest); pin a version`];
  if (tag === 'latest') return [`image ${image} uses the latest tag; pin a version`];
  if (repository.startsWith(`${IMAGE_REGISTRY}/`) && !builtImages.has(repository)) {
    return [
      `image ${repository} is not one the image script builds (${[...builtImages].join(', ')})`,
    ];
  }
  return [];
}

function resourceProblems(container: Container): string[] {
  const problems: string[] = [];
  for (const kind of ['requests', 'limits'] as const) {
    for (const resource of ['cpu', 'memory']) {
      if (!container.resources?.[kind]?.[resource]) problems.push(`no ${resource} ${kind}`);
    }
  }
  return problems;
}

function securityProblems(container: Container, pod: PodSpec): string[] {
  const own = container.securityContext ?? {};
  const problems: string[] = [];
  const nonRoot = own.runAsNonRoot ?? pod.securityContext?.runAsNonRoot;
  const uid = own.runAsUser ?? pod.securityContext?.runAsUser;
  if (nonRoot !== true || uid === 0)
    problems.push('may run as root: set runAsNonRoot: true and a non-zero runAsUser');
  if (own.allowPrivilegeEscalation !== false)
    problems.push('allowPrivilegeEscalation must be false');
  if (own.privileged) problems.push('must not be privileged');
  if (own.readOnlyRootFilesystem !== true) problems.push('readOnlyRootFilesystem must be true');
  if (!own.capabilities?.drop?.includes('ALL')) problems.push('must drop ALL capabilities');
  if ((own.capabilities?.add ?? []).length > 0)
    problems.push(`adds capabilities ${own.capabilities?.add?.join(', ')}`);
  return problems;
}

function probeProblems(container: Container): string[] {
  const problems: string[] = [];
  const names = new Set((container.ports ?? []).map((port) => port.name).filter(Boolean));
  const numbers = new Set((container.ports ?? []).map((port) => port.containerPort));
  for (const kind of PROBES) {
    const probe: Probe | undefined = container[kind];
    if (!probe) {
      problems.push(`no ${kind}`);
      continue;
    }
    const port = probe.httpGet?.port ?? probe.tcpSocket?.port ?? probe.grpc?.port;
    if (port === undefined) continue;
    const known = typeof port === 'number' ? numbers.has(port) : names.has(port);
    if (!known)
      problems.push(
        `${kind} uses port ${JSON.stringify(port)}, which the container does not declare`,
      );
  }
  return problems;
}
