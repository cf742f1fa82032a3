import { APP_IMAGES, imageName } from '../images/images.js';
import { k8sEnvProblems } from './k8s-env.js';
import { render, type K8sObject } from './manifests.js';
import { meshProblems } from './mesh-policy.js';
import { grpcHopProblems } from './route-policy.js';
import { schemaProblems } from './schema-validation.js';
import { scrapeProblems } from './scrape-policy.js';
import { serviceProblems } from './service-policy.js';
import { workloadProblems } from './workload-policy.js';

export const BUILT_IMAGES: ReadonlySet<string> = new Set(
  APP_IMAGES.map((image) => imageName(image.app)),
);

export interface OverlayReport {
  objects: K8sObject[];
  problems: string[];
}

/** Renders a kustomization and runs every check on what it renders; each problem names its object. */
export function checkKustomization(dir: string): OverlayReport {
  const objects = render(dir);
  const namespace =
    objects.find((object) => object.kind === 'Namespace')?.metadata.name ??
    objects.find((object) => object.metadata.namespace)?.metadata.namespace ??
    'default';
  const problems = [
    ...schemaProblems(objects),
    ...workloadProblems(objects, BUILT_IMAGES),
    ...serviceProblems(objects),
    ...meshProblems(objects, namespace),
    ...grpcHopProblems(objects, namespace),
    ...k8sEnvProblems(objects),
    ...scrapeProblems(objects),
  ];
  return { objects, problems };
}
