import { apiDeployments, ref, type K8sObject } from './manifests.js';
import { appEnvProblems } from './app-env.js';

/**
 * The environment each app Deployment's container will see (ConfigMaps resolved, Secret
 * references noted as present but opaque), checked against that app's config schema.
 */
export function k8sEnvProblems(objects: K8sObject[]): string[] {
  const configMaps = new Map(
    objects.filter((o) => o.kind === 'ConfigMap').map((o) => [o.metadata.name, o.data ?? {}]),
  );
  const problems: string[] = [];
  for (const deployment of apiDeployments(objects)) {
    const app = deployment.metadata.labels?.['app.kubernetes.io/name'] ?? deployment.metadata.name;
    const pod = (deployment.spec as { template: { spec: { containers: ContainerEnv[] } } }).template
      .spec;
    for (const container of pod.containers) {
      const owner = `${ref(deployment)} container ${container.name}`;
      const env: Record<string, string> = {};
      const opaque: string[] = [];
      for (const source of container.envFrom ?? []) {
        const name = source.configMapRef?.name;
        if (!name) continue;
        const data = configMaps.get(name);
        if (!data) problems.push(`${owner}: envFrom ConfigMap ${name} does not exist`);
        Object.assign(env, data ?? {});
      }
      for (const variable of container.env ?? []) {
        const fromMap = variable.valueFrom?.configMapKeyRef;
        if (variable.value !== undefined) env[variable.name] = variable.value;
        else if (fromMap) env[variable.name] = configMaps.get(fromMap.name)?.[fromMap.key] ?? '';
        // An optional Secret key may be absent at run time: only a required one counts as set.
        else if (variable.valueFrom?.secretKeyRef && !variable.valueFrom.secretKeyRef.optional) {
          opaque.push(variable.name);
        }
      }
      problems.push(...appEnvProblems(owner, app, env, opaque));
    }
  }
  return problems;
}

interface ContainerEnv {
  name: string;
  envFrom?: { configMapRef?: { name: string } }[];
  env?: {
    name: string;
    value?: string;
    valueFrom?: {
      secretKeyRef?: { name: string; key: string; optional?: boolean };
      configMapKeyRef?: { name: string; key: string };
    };
  }[];
}
