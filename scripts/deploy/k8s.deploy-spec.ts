import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT } from '../images/images.js';
import { itCatchesEach, type Mistake } from './deliberate-mistakes.js';
import { checkKustomization } from './k8s-check.js';

const KUSTOMIZATIONS = ['k8s/base', 'k8s/overlays/dev', 'k8s/overlays/prod'];

describe('k8s manifests', () => {
  for (const dir of KUSTOMIZATIONS) {
    it(`${dir} renders, validates against the Kubernetes and Istio schemas and passes every policy`, () => {
      const { objects, problems } = checkKustomization(join(REPO_ROOT, dir));
      assert.deepEqual(problems, []);
      const kinds = new Set(objects.map((object) => object.kind));
      for (const kind of [
        'Deployment',
        'Service',
        'HorizontalPodAutoscaler',
        'PodDisruptionBudget',
        'NetworkPolicy',
        'Job',
        'Gateway',
        'VirtualService',
        'DestinationRule',
        'PeerAuthentication',
        'AuthorizationPolicy',
      ]) {
        assert.ok(kinds.has(kind), `${dir} renders no ${kind}`);
      }
    });
  }

  it('prod runs at least three replicas that never share a node', () => {
    const { objects } = checkKustomization(join(REPO_ROOT, 'k8s/overlays/prod'));
    for (const hpa of objects.filter((object) => object.kind === 'HorizontalPodAutoscaler')) {
      assert.ok(Number((hpa.spec as { minReplicas: number }).minReplicas) >= 3, hpa.metadata.name);
    }
    const orders = objects.find(
      (object) => object.kind === 'Deployment' && object.metadata.name === 'orders',
    );
    assert.match(
      JSON.stringify(orders),
      /"topologyKey":"kubernetes.io\/hostname","whenUnsatisfiable":"DoNotSchedule"/,
    );
  });
});

describe('k8s checks catch a deliberate mistake and name the object', () => {
  const cases: Mistake[] = [
    [
      'a missing probe',
      'base/apps/orders.yaml',
      / {10}readinessProbe:\n( {12}.*\n)+?(?= {10}livenessProbe)/,
      '',
      /^Deployment\/orders container orders: no readinessProbe$/,
    ],
    [
      'a wrong port name',
      'base/apps/payments.yaml',
      '    - name: grpc\n      port: 50052',
      '    - name: rpc\n      port: 50052',
      /^Service\/payments port "rpc" \(50052\): the name must start with an Istio protocol/,
    ],
    [
      'a targetPort the pods lack',
      'base/apps/payments.yaml',
      'targetPort: grpc',
      'targetPort: gprc',
      /^Service\/payments port "grpc" \(50052\): targetPort "gprc" is not a port of the selected pods$/,
    ],
    [
      'a probe on an undeclared port',
      'base/apps/auth.yaml',
      'path: /health/live\n              port: http',
      'path: /health/live\n              port: web',
      /^Deployment\/auth container auth: livenessProbe uses port "web"/,
    ],
    [
      'a bad field value',
      'base/apps/orders.yaml',
      'revisionHistoryLimit: 5',
      'revisionHistoryLimit: five',
      /^Deployment\/orders: data\/spec\/revisionHistoryLimit must be integer$/,
    ],
    [
      'a bad Istio enum',
      'base/istio/authorization-policies.yaml',
      "action: ALLOW\n  rules:\n    - from:\n        - source:\n            principals: ['cluster.local/ns/saga/sa/orders']",
      "action: PERMIT\n  rules:\n    - from:\n        - source:\n            principals: ['cluster.local/ns/saga/sa/orders']",
      /^AuthorizationPolicy\/payments-from-orders: data\/spec\/action must be equal to one of the allowed values$/,
    ],
    [
      'the latest tag',
      'overlays/dev/kustomization.yaml',
      'name: ghcr.io/saga-workspace/orders\n    newTag: 0.1.0',
      'name: ghcr.io/saga-workspace/orders\n    newTag: latest',
      /^Deployment\/orders container orders: image ghcr.io\/saga-workspace\/orders:latest uses the latest tag/,
    ],
    [
      'an image the script does not build',
      'base/apps/payments.yaml',
      'image: ghcr.io/saga-workspace/payments:0.1.0',
      'image: ghcr.io/saga-workspace/payment:0.1.0',
      /^Deployment\/payments container payments: image ghcr.io\/saga-workspace\/payment is not one the image script builds/,
    ],
    [
      'a root container',
      'base/apps/auth.yaml',
      'runAsNonRoot: true\n        runAsUser: 1000',
      'runAsNonRoot: true\n        runAsUser: 0',
      /^Deployment\/auth container auth: may run as root/,
    ],
    [
      'privilege escalation',
      'base/migrations/orders-migrate.yaml',
      'allowPrivilegeEscalation: false',
      'allowPrivilegeEscalation: true',
      /^Job\/orders-migrate container migrate: allowPrivilegeEscalation must be false$/,
    ],
    [
      'no memory limit',
      'base/redis/redis.yaml',
      '              memory: 128Mi\n',
      '',
      /^Deployment\/redis container redis: no memory limits$/,
    ],
    [
      'a mesh timeout under the app deadline',
      'base/istio/virtual-services.yaml',
      '      timeout: 3s\n      retries:\n        attempts: 1\n        perTryTimeout: 3s',
      '      timeout: 1s\n      retries:\n        attempts: 1\n        perTryTimeout: 3s',
      /^VirtualService\/payments route payments-grpc: timeout 1s must exceed orders' PAYMENTS_DEADLINE_MS \(2000 ms\)$/,
    ],
    [
      'a mesh retry the app already does',
      'base/istio/virtual-services.yaml',
      'perTryTimeout: 3s\n        retryOn: connect-failure,refused-stream',
      'perTryTimeout: 3s\n        retryOn: connect-failure,unavailable',
      /^VirtualService\/payments route payments-grpc: retries on unavailable would repeat/,
    ],
    [
      'a principal without a ServiceAccount',
      'base/istio/authorization-policies.yaml',
      "['cluster.local/ns/saga/sa/auth']",
      "['cluster.local/ns/saga/sa/login']",
      /^AuthorizationPolicy\/redis-from-auth: principal cluster.local\/ns\/saga\/sa\/login names no ServiceAccount in saga$/,
    ],
    [
      'mTLS left permissive',
      'base/istio/peer-authentication.yaml',
      'mode: STRICT',
      'mode: PERMISSIVE',
      /^namespace saga: no namespace-wide PeerAuthentication with mtls.mode STRICT$/,
    ],
    [
      'a missing variable that defaults to localhost',
      'base/apps/orders.yaml',
      '  PAYMENTS_GRPC_URL: payments:50052\n',
      '',
      /^Deployment\/orders container orders: PAYMENTS_GRPC_URL is localhost:50052: inside a container/,
    ],
    [
      'a malformed variable',
      'base/apps/identity-config.yaml',
      'AUTH_JWKS_URL: http://auth:3001/.well-known/jwks.json',
      'AUTH_JWKS_URL: auth:3001/jwks',
      /^Deployment\/orders container orders: AUTH_JWKS_URL: must be a URL like http/,
    ],
    [
      // The fault found when the manifests were first read against the network policies.
      'an app without scrape annotations',
      'base/apps/orders.yaml',
      "        prometheus.io/scrape: 'true'\n",
      '',
      /^Deployment\/orders: no prometheus.io\/scrape: 'true' annotation: a cluster would not collect its metrics$/,
    ],
    [
      'a scrape port the pod does not have',
      'base/redis/redis.yaml',
      "prometheus.io/port: '9121'",
      "prometheus.io/port: '9191'",
      /^Deployment\/redis: prometheus.io\/port 9191 is no port of its containers$/,
    ],
    [
      'a new replica given its full share of requests at once',
      'base/istio/destination-rules.yaml',
      /(name: payments\n(.*\n)+?) {6}warmup:\n {8}duration: 90s\n {8}minimumPercent: 10\n/,
      '$1',
      /^DestinationRule\/payments: loadBalancer.warmup.duration unset: a new replica must get its share/,
    ],
    [
      'an app without a DestinationRule',
      'base/istio/destination-rules.yaml',
      /---\napiVersion: networking.istio.io\/v1\nkind: DestinationRule\nmetadata:\n {2}name: auth\n(.*\n)+?(?=---)/,
      '',
      /^Deployment\/auth: no DestinationRule for auth\.saga\.svc\.cluster\.local: a new replica would get/,
    ],
    [
      'a balancer Envoy cannot ramp up',
      'base/istio/destination-rules.yaml',
      /(name: orders\n(.*\n)+?) {6}simple: LEAST_REQUEST\n/,
      '$1      simple: RANDOM\n',
      /^DestinationRule\/orders: loadBalancer.simple RANDOM: Envoy ramps new replicas up only with/,
    ],
    [
      'a Secret committed in the manifests',
      'base/apps/identity-config.yaml',
      'kind: ConfigMap',
      'kind: Secret',
      /^Secret\/saga-identity: Secrets are referenced, never committed/,
    ],
  ];

  itCatchesEach(
    join(REPO_ROOT, 'k8s'),
    (copy) => checkKustomization(join(copy, 'overlays/dev')).problems,
    cases,
  );
});
