import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { freePort } from '#platform';
import { LaunchError } from './launch-error.js';
import { assertPortsFree, type PortClaim } from './port-check.js';

describe('assertPortsFree', () => {
  let busy: Server;
  let busyPort: number;
  before(async () => {
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    busyPort = (busy.address() as { port: number }).port;
  });
  after(() => new Promise<void>((resolve) => busy.close(() => resolve())));

  const claim = (port: number, service: PortClaim['service'] = 'orders'): PortClaim => ({
    service,
    kind: 'gRPC',
    port,
    variable: `${service.toUpperCase()}_GRPC_PORT`,
  });

  it('passes when every port is free', async () => {
    await assertPortsFree([claim(await freePort()), claim(await freePort(), 'payments')]);
  });

  it('names the busy port, the service and the variable to change', async () => {
    await assert.rejects(
      assertPortsFree([claim(await freePort(), 'payments'), claim(busyPort)]),
      (error: unknown) =>
        error instanceof LaunchError &&
        error.message.includes(`port ${busyPort} is already in use`) &&
        error.message.includes('orders gRPC (ORDERS_GRPC_PORT)') &&
        !error.message.includes('payments'),
    );
  });

  it('refuses the same port chosen for two services', async () => {
    const port = await freePort();
    await assert.rejects(
      assertPortsFree([claim(port, 'payments'), claim(port, 'orders')]),
      (error: unknown) =>
        error instanceof LaunchError &&
        error.message.includes(`port ${port} is chosen for both payments gRPC`),
    );
  });
});
