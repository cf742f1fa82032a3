import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { protoPath } from 'grpc-health-check';

interface RawHealthClient extends grpc.Client {
  check(
    request: { service: string },
    callback: (error: grpc.ServiceError | null, response?: { status: string }) => void,
  ): void;
}

export interface HealthClient {
  /** The status ("SERVING", …) the server reports for `service` ('' = the whole server). */
  check(service?: string): Promise<string>;
  close(): void;
}

/** A client of the standard gRPC health service, on one connection. */
export function grpcHealthClient(port: number): HealthClient {
  const definition = protoLoader.loadSync(protoPath, { enums: String });
  const loaded = grpc.loadPackageDefinition(definition) as unknown as {
    grpc: {
      health: {
        v1: { Health: new (addr: string, creds: grpc.ChannelCredentials) => RawHealthClient };
      };
    };
  };
  const client = new loaded.grpc.health.v1.Health(
    `127.0.0.1:${port}`,
    grpc.credentials.createInsecure(),
  );
  return {
    check: (service = '') =>
      new Promise((resolve, reject) =>
        client.check({ service }, (error, response) =>
          error ? reject(error) : resolve(response?.status ?? 'UNKNOWN'),
        ),
      ),
    close: () => client.close(),
  };
}

/** Asks a server's standard gRPC health service for a service's status, once. */
export async function grpcHealthStatus(port: number, service = ''): Promise<string> {
  const client = grpcHealthClient(port);
  try {
    return await client.check(service);
  } finally {
    client.close();
  }
}
