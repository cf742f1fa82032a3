import { apiDeployments, of, ref, spec, type K8sObject } from './manifests.js';
import { podTemplateOf, selects } from './pod-spec.js';
import { routeProblems, slowStartProblems } from './route-policy.js';

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
    ...slowStartProblems(objects, namespace),
  );
  return problems;
}

function availabilityProblems(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  for (const deployment of apiDeployments(objects)) {
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
