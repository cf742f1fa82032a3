import type { Server, ServerInterceptor, ServerOptions } from '@grpc/grpc-js';
import { Transport, type GrpcOptions } from '@nestjs/microservices';
import { HealthImplementation } from 'grpc-health-check';
import { GRPC_LOADER_OPTIONS, PROTO_ROOT } from '#contracts';
import { addReflection } from './grpc-reflection.js';

export interface GrpcServerSpec {
  /** IP address to listen on: the loopback in development, 0.0.0.0 in containers. */
  host: string;
  port: number;
  /** proto package, e.g. payments.v1 */
  packageName: string;
  /** path under proto/, e.g. payments/v1/payments.proto */
  protoFile: string;
  /** fully qualified service name for the health protocol, e.g. payments.v1.PaymentService */
  serviceName: string;
  health: HealthImplementation;
  /** grpc-js server interceptors, e.g. `grpcMetricsInterceptor(app.get(RequestMetrics))`. */
  interceptors?: ServerInterceptor[];
  /** Serve gRPC server reflection (grpc.reflection.v1 and v1alpha) beside the app's service. */
  reflection?: boolean;
}

/**
 * A Nest gRPC server that also answers the standard health checking protocol, so Kubernetes and
 * grpc_health_probe can probe it, and optionally server reflection. Readiness flips to SERVING
 * once the app has started.
 */
export function grpcServerOptions(spec: GrpcServerSpec): GrpcOptions {
  spec.health.setStatus('', 'NOT_SERVING');
  spec.health.setStatus(spec.serviceName, 'NOT_SERVING');
  return {
    transport: Transport.GRPC,
    options: {
      url: `${spec.host.includes(':') ? `[${spec.host}]` : spec.host}:${spec.port}`,
      package: spec.packageName,
      protoPath: `${PROTO_ROOT}${spec.protoFile}`,
      loader: GRPC_LOADER_OPTIONS,
      maxReceiveMessageLength: 1024 * 1024,
      // Nest hands channelOptions to `new grpc.Server(…)`, whose options take interceptors.
      channelOptions: { interceptors: spec.interceptors ?? [] } satisfies ServerOptions,
      onLoadPackageDefinition: (_definition, server) => {
        spec.health.addToServer(server as Parameters<HealthImplementation['addToServer']>[0]);
        if (spec.reflection) addReflection(server as Server, spec.protoFile);
      },
    },
  };
}

export function setServing(
  health: HealthImplementation,
  serviceName: string,
  serving: boolean,
): void {
  const status = serving ? 'SERVING' : 'NOT_SERVING';
  health.setStatus('', status);
  health.setStatus(serviceName, status);
}

export { HealthImplementation };
