import { execFileSync } from 'node:child_process';
import { parseAllDocuments } from 'yaml';

/** The fields every check reads; the rest of an object stays as parsed. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
  [field: string]: unknown;
}

export const of = (objects: K8sObject[], kind: string) =>
  objects.filter((object) => object.kind === kind);

/** The apps' Deployments (labelled `app.kubernetes.io/component: api`), not Redis or the jobs. */
export const apiDeployments = (objects: K8sObject[]) =>
  of(objects, 'Deployment').filter(
    (d) => d.metadata.labels?.['app.kubernetes.io/component'] === 'api',
  );

/** An object's spec as the shape a check reads. */
export const spec = <T>(object: K8sObject) => (object.spec ?? {}) as T;

/** "Deployment/orders": how every message names the object it is about. */
export function ref(object: K8sObject): string {
  return `${object.kind}/${object.metadata?.name ?? '(unnamed)'}`;
}

/**
 * The kustomize this machine has: KUSTOMIZE (a command, e.g. a kustomize binary built by
 * scripts/deploy/kustomize.sh), else `kubectl kustomize`.
 */
function kustomizeCommand(): [string, string[]] {
  const configured = process.env.KUSTOMIZE;
  if (configured) return [configured, ['build']];
  return ['kubectl', ['kustomize']];
}

/** Renders a kustomization folder offline; throws with kustomize's own message when it cannot. */
export function render(dir: string): K8sObject[] {
  const [command, args] = kustomizeCommand();
  let output: string;
  try {
    output = execFileSync(command, [...args, dir], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? String(error);
    throw new Error(`kustomize could not render ${dir}: ${stderr.trim()}`, { cause: error });
  }
  return parseAllDocuments(output)
    .map((doc) => doc.toJS() as K8sObject | null)
    .filter((object): object is K8sObject => object !== null);
}
