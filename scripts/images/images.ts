import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where this repo's images are published; the k8s manifests must name exactly these. */
export const IMAGE_REGISTRY = 'ghcr.io/saga-workspace';

/** The public base image docker/Dockerfile builds FROM (a local stand-in where no registry is). */
export const BASE_IMAGE = 'docker.io/library/node:24-bookworm-slim';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const DOCKERFILE = 'docker/Dockerfile';

export interface AppImage {
  /** app name = Dockerfile target = image name under IMAGE_REGISTRY */
  app: 'auth' | 'orders' | 'payments';
  httpPort: number;
  grpcPort?: number;
  /** fully qualified service name answered by the gRPC health protocol */
  grpcService?: string;
  /** whether the image carries the migration command (apps with a PostgreSQL schema) */
  migrates: boolean;
}

export const APP_IMAGES: readonly AppImage[] = [
  { app: 'auth', httpPort: 3001, migrates: true },
  {
    app: 'orders',
    httpPort: 3002,
    grpcPort: 50051,
    grpcService: 'orders.v1.OrderService',
    migrates: true,
  },
  {
    app: 'payments',
    httpPort: 3003,
    grpcPort: 50052,
    grpcService: 'payments.v1.PaymentService',
    migrates: false,
  },
];

/** The gateway image (docker/gateway): NGINX with the gateway's template, built apart. */
export const GATEWAY_IMAGE = { name: 'gateway', context: 'docker/gateway' } as const;

/** Images are tagged with the workspace version; CI adds the commit sha when it pushes. */
export function imageTag(): string {
  const pkg = JSON.parse(readFileSync(`${REPO_ROOT}package.json`, 'utf8')) as { version: string };
  return pkg.version;
}

export function imageName(app: string): string {
  return `${IMAGE_REGISTRY}/${app}`;
}

export function imageRef(app: string, tag = imageTag()): string {
  return `${imageName(app)}:${tag}`;
}
