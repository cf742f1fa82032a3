import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { protoPath } from 'grpc-health-check';

interface HealthClient extends grpc.Client {
  check(
    request: { service: string },
    callback: (error: grpc.ServiceError | null, response?: { status: string }) => void,
  ): void;
}

/** Asks a server's standard gRPC health service for a service's status ("SERVING", …). */
export async function grpcHealthStatus(port: number, service = ''): Promise<string> {
  const definition = protoLoader.loadSync(protoPath, { enums: String });
  const loaded = grpc.loadPackageDefinition(definition) as unknown as {
    grpc: {
      health: {
        v1: { Health: new (addr: string, creds: grpc.ChannelCredentials) => HealthClient };
      };
    };
  };
  const client = new loaded.grpc.health.v1.Health(
    `127.0.0.1:${port}`,
    grpc.credentials.createInsecure(),
  );
  try {
    return await new Promise((resolve, reject) =>
      client.check({ service }, (error, response) =>
        error ? reject(error) : resolve(response?.status ?? 'UNKNOWN'),
      ),
    );
  } finally {
    client.close();
  }
}
