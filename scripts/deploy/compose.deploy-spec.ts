import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { REPO_ROOT } from '../images/images.js';
import { itCatchesEach, type Mistake } from './deliberate-mistakes.js';
import { checkCompose } from './compose-check.js';
import { CORE_ENTRY, readCompose, startLevels } from './compose-core.js';
import { STACK } from './compose-policy.js';

const COMPOSE = join(REPO_ROOT, 'docker/compose.yaml');

describe('docker/compose.yaml', () => {
  it('validates against the Compose Specification and every policy, with .env.example values', () => {
    assert.deepEqual(checkCompose(COMPOSE), []);
  });

  it('runs the full stack of DESIGN.md, the apps gated on healthy stores', async () => {
    const compose = parse(await readFile(COMPOSE, 'utf8'), { merge: true }) as {
      services: Record<string, { depends_on?: Record<string, { condition: string }> }>;
    };
    assert.deepEqual(Object.keys(compose.services).sort(), [...STACK].sort());
    assert.equal(compose.services.orders?.depends_on?.postgres?.condition, 'service_healthy');
    assert.equal(compose.services.orders?.depends_on?.payments?.condition, 'service_healthy');
    assert.equal(compose.services.payments?.depends_on?.mongo?.condition, 'service_healthy');
    assert.equal(
      compose.services.orders?.depends_on?.['orders-migrate']?.condition,
      'service_completed_successfully',
    );
  });

  it('has a core (the gateway and what it needs) without the observability stack, in start order', () => {
    assert.deepEqual(startLevels(readCompose(COMPOSE), CORE_ENTRY), [
      ['mongo', 'postgres', 'redis'],
      ['auth-migrate', 'orders-migrate'],
      ['auth'],
      ['payments'],
      ['orders'],
      ['gateway'],
    ]);
  });

  it('uses Compose Specification syntax only, nothing podman-compose alone reads', async () => {
    const text = await readFile(COMPOSE, 'utf8');
    assert.doesNotMatch(text, /^\s*x-podman|podman_args|podman:/im);
  });
});

describe('compose checks catch a deliberate mistake and name the service', () => {
  const ordersDb =
    'postgres://saga:${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}@postgres:5432/orders';
  const cases: Mistake[] = [
    [
      'a password written in the file',
      'compose.yaml',
      'POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in docker/.env}',
      'POSTGRES_PASSWORD: hunter2',
      /^service postgres: POSTGRES_PASSWORD is written in the file/,
    ],
    [
      'a password inside a URL',
      'compose.yaml',
      `DATABASE_URL: ${ordersDb}\n      PAYMENTS_GRPC_URL`,
      'DATABASE_URL: postgres://saga:hunter2@postgres:5432/orders\n      PAYMENTS_GRPC_URL',
      /^service orders: DATABASE_URL has a password written in the file/,
    ],
    [
      'a field compose does not have',
      'compose.yaml',
      '  restart: unless-stopped\n  read_only: true',
      '  restart_policy: unless-stopped\n  read_only: true',
      /^compose services\.auth: must NOT have additional properties "restart_policy"$/,
    ],
    [
      'a variable the app requires in production',
      'compose.yaml',
      `      DATABASE_URL: ${ordersDb}\n      PAYMENTS_GRPC_URL`,
      '      PAYMENTS_GRPC_URL',
      /^service orders: DATABASE_URL: is required when NODE_ENV=production$/,
    ],
    [
      'a variable left at its localhost default',
      'compose.yaml',
      '      PAYMENTS_GRPC_URL: payments:50052\n',
      '',
      /^service orders: PAYMENTS_GRPC_URL is localhost:50052/,
    ],
    [
      'a health gate on a service without a healthcheck',
      'compose.yaml',
      "    healthcheck:\n      test: ['CMD', 'redis-cli', 'ping']",
      "    labels:\n      test: ['CMD', 'redis-cli', 'ping']",
      /^service auth: waits for redis to be healthy, but redis has no healthcheck$/,
    ],
    [
      'the latest tag',
      'compose.yaml',
      'image: docker.io/library/redis:7.4.2-bookworm',
      'image: docker.io/library/redis:latest',
      /^service redis: image docker.io\/library\/redis:latest uses the latest tag$/,
    ],
    [
      'an image name the script does not build',
      'compose.yaml',
      'build: *orders-build\n    image: ghcr.io/saga-workspace/orders:',
      'build: *orders-build\n    image: ghcr.io/saga-workspace/order:',
      /^service orders: image ghcr.io\/saga-workspace\/order:0.1.0 should be ghcr.io\/saga-workspace\/orders:<tag>/,
    ],
    [
      'a variable missing from .env.example',
      'compose.yaml',
      '${MONGO_PASSWORD:?set MONGO_PASSWORD in docker/.env}',
      '${MONGO_ROOT_PASSWORD:?set it}',
      /^compose: \$\{MONGO_ROOT_PASSWORD\} has no default and no placeholder in docker\/.env.example$/,
    ],
    [
      'an undeclared named volume',
      'compose.yaml',
      '  grafana-data:\n',
      '',
      /^service grafana: uses volume grafana-data, which is not declared under volumes:$/,
    ],
    [
      // The fault found when the stack first ran: checked offline since.
      'a gateway mounting a config file that does not exist',
      'compose.yaml',
      '    image: ghcr.io/saga-workspace/gateway:',
      '    volumes:\n      - ./gateway/nginx.conf:/etc/nginx/nginx.conf:ro\n    image: ghcr.io/saga-workspace/gateway:',
      /^service gateway: mounts .\/gateway\/nginx.conf, which does not exist$/,
    ],
    [
      'a build context that does not exist',
      'compose.yaml',
      'context: ./gateway',
      'context: ./gateway-missing',
      /^service gateway: builds from .\/gateway-missing, which does not exist$/,
    ],
    [
      'a gateway image name the script does not build',
      'compose.yaml',
      'image: ghcr.io/saga-workspace/gateway:',
      'image: ghcr.io/saga-workspace/nginx:',
      /^service gateway: image ghcr.io\/saga-workspace\/nginx:0.1.0 should be ghcr.io\/saga-workspace\/gateway:<tag>/,
    ],
    [
      'a gateway container that may write its root filesystem',
      'compose.yaml',
      "restart: unless-stopped\n    read_only: true\n    tmpfs: [/tmp]\n    cap_drop: [ALL]\n    security_opt: ['no-new-privileges:true']\n    environment:\n      AUTH_HTTP",
      "restart: unless-stopped\n    tmpfs: [/tmp]\n    cap_drop: [ALL]\n    security_opt: ['no-new-privileges:true']\n    environment:\n      AUTH_HTTP",
      /^service gateway: built containers run with read_only: true$/,
    ],
    [
      'a migration without its database',
      'compose.yaml',
      '    environment:\n      DATABASE_URL: postgres://saga:${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}@postgres:5432/auth\n    depends_on',
      '    depends_on',
      /^service auth-migrate: DATABASE_URL is missing$/,
    ],
    [
      'a broken Prometheus config',
      'observability/prometheus.yml',
      'scrape_interval: 15s',
      'scrape_interval: fifteen',
      /observability\/prometheus.yml: promtool check config failed/,
    ],
    [
      'a collector pipeline naming an undefined exporter',
      'observability/otel-collector.yaml',
      'exporters: [otlp/jaeger]',
      'exporters: [otlp/tempo]',
      /otel-collector.yaml: pipeline traces uses exporter otlp\/tempo, which is not defined$/,
    ],
  ];

  itCatchesEach(
    join(REPO_ROOT, 'docker'),
    (copy) => checkCompose(join(copy, 'compose.yaml')),
    cases,
  );
});
