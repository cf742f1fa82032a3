import { createServer } from 'node:net';
import { freePort } from '#platform';

/** The gateway's published ports as compose.yaml defaults them. */
export const DEFAULT_PORTS = { http: 8000, grpc: 9080 } as const;

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '0.0.0.0' }, () => server.close(() => resolve(true)));
  });
}

/**
 * 8000 and 9080, as a user gets them; a port another process holds on this shared machine is
 * replaced by a free one (GATEWAY_HOST_*_PORT), so the test never fails for someone else's server.
 */
export async function publishedPorts(): Promise<{ http: number; grpc: number }> {
  return {
    http: (await isFree(DEFAULT_PORTS.http)) ? DEFAULT_PORTS.http : await freePort(),
    grpc: (await isFree(DEFAULT_PORTS.grpc)) ? DEFAULT_PORTS.grpc : await freePort(),
  };
}
