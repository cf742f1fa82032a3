import { of, ref, type K8sObject } from './manifests.js';
import { allContainers, podTemplateOf } from './pod-spec.js';

/**
 * Every Deployment is scraped: its pod template carries prometheus.io/scrape, port and path, the
 * port one its containers declare. Istio's injector turns these into the merged endpoint on
 * :15020 that Prometheus reaches (network-policies/defaults.yaml); without them a cluster
 * collects none of the workload's metrics.
 */
export function scrapeProblems(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  for (const deployment of of(objects, 'Deployment')) {
    const template = podTemplateOf(deployment);
    const annotations =
      (template?.metadata as { annotations?: Record<string, string> } | undefined)?.annotations ??
      {};
    const say = (problem: string) => problems.push(`${ref(deployment)}: ${problem}`);
    if (annotations['prometheus.io/scrape'] !== 'true') {
      say("no prometheus.io/scrape: 'true' annotation: a cluster would not collect its metrics");
      continue;
    }
    const port = Number(annotations['prometheus.io/port']);
    const declared = allContainers(template!.spec).flatMap((c) =>
      (c.ports ?? []).map((p) => p.containerPort),
    );
    if (!declared.includes(port))
      say(`prometheus.io/port ${annotations['prometheus.io/port']} is no port of its containers`);
    if (!annotations['prometheus.io/path']?.startsWith('/')) say('no prometheus.io/path');
  }
  return problems;
}
