import type { INestApplication } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { LOOPBACK } from '../config/fields.js';
import { reflectionEnabled } from '../grpc/grpc-reflection.js';
import {
  grpcServerOptions,
  HealthImplementation,
  setServing,
} from '../grpc/grpc-server.options.js';
import { grpcMetricsInterceptor } from '../metrics/grpc-metrics.interceptor.js';
import { RequestMetrics } from '../metrics/request-metrics.js';
import { RejectInvalidUtf8Pipe } from '../grpc/invalid-utf8.js';
import { exitOnSignals } from '../process/graceful-shutdown.js';

export interface ListenConfig {
  NODE_ENV: string;
  HTTP_PORT: number;
  BIND_ADDRESS?: string;
}

export interface GrpcAppConfig extends ListenConfig {
  GRPC_PORT: number;
  GRPC_REFLECTION?: boolean;
}

export interface GrpcAppSpec {
  /** Short name for the log line, e.g. orders. */
  name: string;
  /** Fully qualified service, e.g. orders.v1.OrderService (health status and reflection). */
  service: string;
  /** proto package, e.g. orders.v1 */
  packageName: string;
  /** path under proto/, e.g. orders/v1/orders.proto */
  protoFile: string;
  config: GrpcAppConfig;
  /** The store's description for the log line (last: the launcher reads it from there). */
  store: string;
}

/**
 * Connections the kernel may hold for an HTTP listener before the app accepts them (it caps this
 * at net.core.somaxconn, 4096 by default). Node's 511 overflowed when a burst of 1,000 clients
 * reached orders through the gateway on a busy machine: the dropped SYNs were sent again after a
 * second, past NGINX's 2 s connect timeout, and those requests got 504.
 */
const ACCEPT_BACKLOG = 4096;

/** Where every listener binds: BIND_ADDRESS, else the loopback (the config requires it in production). */
export function listenAddress(config: Pick<ListenConfig, 'BIND_ADDRESS'>): string {
  return config.BIND_ADDRESS ?? LOOPBACK;
}

/** An HTTP-only app (auth): exits cleanly on SIGTERM/SIGINT, listens; returns the address. */
export async function serveHttpApp(app: INestApplication, config: ListenConfig): Promise<string> {
  exitOnSignals(app);
  const host = listenAddress(config);
  await listenHttp(app, config.HTTP_PORT, host);
  return host;
}

/**
 * The one start-up of an app that serves gRPC beside HTTP (orders, payments): the gRPC server
 * with health checking, metrics and (unless switched off) reflection, started before HTTP so
 * readiness means both answer; health flips to SERVING once both listen, and back to NOT_SERVING
 * when SIGTERM starts the drain.
 */
export async function serveGrpcApp(app: INestApplication, spec: GrpcAppSpec): Promise<void> {
  const { config } = spec;
  const host = listenAddress(config);
  const reflection = reflectionEnabled(config);
  // Invalid UTF-8 in a gRPC string is refused (INVALID_ARGUMENT), not silently replaced.
  app.useGlobalPipes(new RejectInvalidUtf8Pipe());
  const health = new HealthImplementation();
  app.connectMicroservice(
    grpcServerOptions({
      host,
      port: config.GRPC_PORT,
      packageName: spec.packageName,
      protoFile: spec.protoFile,
      serviceName: spec.service,
      health,
      reflection,
      interceptors: [grpcMetricsInterceptor(app.get(RequestMetrics))],
    }),
    { inheritAppConfig: true },
  );
  await app.startAllMicroservices();
  await listenHttp(app, config.HTTP_PORT, host);
  setServing(health, spec.service, true);
  exitOnSignals(app, () => setServing(health, spec.service, false));
  app
    .get(Logger)
    .log(
      `${spec.name} listening: HTTP ${config.HTTP_PORT}, gRPC ${config.GRPC_PORT} on ${host}, ` +
        `reflection ${reflection ? 'on' : 'off'}, store ${spec.store}`,
    );
}

function listenHttp(app: INestApplication, port: number, host: string): Promise<unknown> {
  // Nest hands its arguments on to Node's server.listen(port, host, backlog); its type knows only
  // the first two.
  type ListenWithBacklog = (port: number, host: string, backlog: number) => Promise<unknown>;
  const listen = app.listen.bind(app) as unknown as ListenWithBacklog;
  return listen(port, host, ACCEPT_BACKLOG);
}
