import type { K8sObject } from './manifests.js';

export interface Probe {
  httpGet?: { port: number | string };
  tcpSocket?: { port: number | string };
  grpc?: { port: number; service?: string };
  exec?: { command: string[] };
}

export interface Container {
  name: string;
  image: string;
  ports?: { name?: string; containerPort: number }[];
  env?: {
    name: string;
    value?: string;
    valueFrom?: {
      secretKeyRef?: { name: string; key: string };
      configMapKeyRef?: { name: string; key: string };
    };
  }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: SecurityContext;
}

export interface SecurityContext {
  runAsNonRoot?: boolean;
  runAsUser?: number;
  allowPrivilegeEscalation?: boolean;
  privileged?: boolean;
  readOnlyRootFilesystem?: boolean;
  capabilities?: { drop?: string[]; add?: string[] };
}

export interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  securityContext?: SecurityContext;
  serviceAccountName?: string;
}

export interface PodTemplate {
  metadata?: { labels?: Record<string, string> };
  spec: PodSpec;
}

/** Kinds whose pods run until replaced: they need every probe. Jobs run to completion. */
export const LONG_RUNNING = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

/** The pod template of a workload object, or undefined for anything that runs no pods. */
export function podTemplateOf(object: K8sObject): PodTemplate | undefined {
  const spec = object.spec as
    { template?: PodTemplate; jobTemplate?: { spec: { template: PodTemplate } } } | undefined;
  if (LONG_RUNNING.has(object.kind) || object.kind === 'Job') return spec?.template;
  if (object.kind === 'CronJob') return spec?.jobTemplate?.spec.template;
  return undefined;
}

export function allContainers(pod: PodSpec): Container[] {
  return [...(pod.initContainers ?? []), ...pod.containers];
}

/** Whether a label selector (matchLabels or a plain map) selects pods with these labels. */
export function selects(
  selector: Record<string, string> | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([key, value]) => labels?.[key] === value);
}
