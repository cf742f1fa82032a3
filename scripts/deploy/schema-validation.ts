import { AuthorizationPolicy } from '@kubernetes-models/istio/security.istio.io/v1/AuthorizationPolicy';
import { PeerAuthentication } from '@kubernetes-models/istio/security.istio.io/v1/PeerAuthentication';
import { DestinationRule } from '@kubernetes-models/istio/networking.istio.io/v1/DestinationRule';
import { Gateway } from '@kubernetes-models/istio/networking.istio.io/v1/Gateway';
import { VirtualService } from '@kubernetes-models/istio/networking.istio.io/v1/VirtualService';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { ref, type K8sObject } from './manifests.js';

interface Model {
  apiVersion: string;
  kind: string;
  new (data: never): { validate(): void };
}

/** Every kind the manifests may contain; anything else is reported rather than let through. */
const MODELS: Model[] = [
  Namespace,
  ConfigMap,
  ServiceAccount,
  Service,
  Deployment,
  Job,
  HorizontalPodAutoscaler,
  PodDisruptionBudget,
  NetworkPolicy,
  Gateway,
  VirtualService,
  DestinationRule,
  PeerAuthentication,
  AuthorizationPolicy,
] as unknown as Model[];

/** Validates each object against the Kubernetes or Istio schema of its apiVersion and kind. */
export function schemaProblems(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  for (const object of objects) {
    const model = MODELS.find((m) => m.apiVersion === object.apiVersion && m.kind === object.kind);
    if (!model) {
      problems.push(
        `${ref(object)}: no schema for ${object.apiVersion} ${object.kind} (add it to schema-validation.ts)`,
      );
      continue;
    }
    try {
      new model(object as never).validate();
    } catch (error) {
      problems.push(`${ref(object)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return problems;
}
