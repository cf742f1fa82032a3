import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { freePort, type PostgresEndpoint } from '#platform';
import { grpcHealthStatus, testPostgres } from '#testing';
import { groupAlive, startLauncher, tablePids } from './launcher-process.js';

const READY = /all services are ready/;
const SERVICES = ['auth', 'payments', 'orders'] as const;

async function freePorts() {
  return {
    AUTH_HTTP_PORT: String(await freePort()),
    ORDERS_HTTP_PORT: String(await freePort()),
    ORDERS_GRPC_PORT: String(await freePort()),
    PAYMENTS_HTTP_PORT: String(await freePort()),
    PAYMENTS_GRPC_PORT: String(await freePort()),
  };
}

describe('npm start launcher', () => {
  let dataDir: string;
  before(async () => (dataDir = await mkdtemp(join(tmpdir(), 'saga-launcher-'))));
  after(() => rm(dataDir, { recursive: true, force: true }));

  it('runs all three on embedded stores, prints the table, and stops everything on SIGTERM with exit 0', async () => {
    const ports = await freePorts();
    const launcher = startLauncher({
      ...ports,
      SAGA_DATA_DIR: join(dataDir, 'embedded'),
      DATABASE_URL: undefined,
      MONGO_URL: undefined,
      REDIS_URL: undefined,
    });
    await launcher.waitFor(READY, 150_000);
    const output = launcher.output();
    const pids = tablePids(output);
    assert.deepEqual(Object.keys(pids).sort(), ['auth', 'orders', 'payments']);
    assert.match(
      output,
      new RegExp(
        `^orders\\s+\\d+\\s+http://localhost:${ports.ORDERS_HTTP_PORT}\\s+localhost:${ports.ORDERS_GRPC_PORT}\\s+embedded PGlite`,
        'm',
      ),
    );
    assert.match(
      output,
      new RegExp(
        `^auth\\s+\\d+\\s+http://localhost:${ports.AUTH_HTTP_PORT}\\s+-\\s+embedded PGlite`,
        'm',
      ),
    );
    assert.match(output, /^payments\s+\d+\s+.*embedded \S+.*payments\.log$/m);
    // Prefixed, compact lines from each service, full JSON in its log file.
    assert.match(
      output,
      new RegExp(`^\\[orders\\]\\s+info\\s+orders listening: HTTP ${ports.ORDERS_HTTP_PORT}`, 'm'),
    );
    const ordersLog = await readFile(join(dataDir, 'embedded', 'logs', 'orders.log'), 'utf8');
    assert.ok(ordersLog.split('\n').some((line) => line.startsWith('{"level":30')));

    for (const port of [ports.AUTH_HTTP_PORT, ports.ORDERS_HTTP_PORT, ports.PAYMENTS_HTTP_PORT]) {
      assert.equal((await fetch(`http://127.0.0.1:${port}/health/ready`)).status, 200);
    }
    assert.equal(
      await grpcHealthStatus(Number(ports.ORDERS_GRPC_PORT), 'orders.v1.OrderService'),
      'SERVING',
    );
    assert.equal(
      await grpcHealthStatus(Number(ports.PAYMENTS_GRPC_PORT), 'payments.v1.PaymentService'),
      'SERVING',
    );

    launcher.child.kill('SIGTERM');
    assert.deepEqual(await launcher.exit(), { code: 0, signal: null });
    assert.match(launcher.output(), /stopped auth, payments, orders/);
    for (const name of SERVICES) {
      assert.equal(
        groupAlive(pids[name]!),
        false,
        `${name} (pid ${pids[name]}) or a child of it is still running`,
      );
    }
  });

  describe('with auth and orders on a PostgreSQL server', () => {
    let authDb: PostgresEndpoint;
    let ordersDb: PostgresEndpoint;
    before(async () => {
      [authDb, ordersDb] = await Promise.all([testPostgres(), testPostgres()]);
    });
    after(() => Promise.all([authDb.close(), ordersDb.close()]));

    // payments keeps its embedded MongoDB-wire server, which a crash would leave behind.
    it('says which service died, stops the others and what it spawned, exits non-zero', async () => {
      const launcher = startLauncher({
        ...(await freePorts()),
        SAGA_DATA_DIR: join(dataDir, 'servers'),
        DATABASE_URL: undefined,
        AUTH_DATABASE_URL: authDb.url,
        ORDERS_DATABASE_URL: ordersDb.url,
        MONGO_URL: undefined,
      });
      await launcher.waitFor(READY, 120_000);
      const pids = tablePids(launcher.output());
      assert.match(launcher.output(), /^orders\s+\d+\s+.*PostgreSQL 127\.0\.0\.1:\d+\/test_/m);

      process.kill(pids.payments!, 'SIGKILL');
      const { code } = await launcher.exit();
      assert.equal(code, 1);
      assert.match(launcher.output(), /payments was killed by SIGKILL unexpectedly/);
      for (const name of SERVICES)
        assert.equal(groupAlive(pids[name]!), false, `${name} still running`);
    });

    it('stops what it started when a service cannot start, and exits non-zero', async () => {
      const launcher = startLauncher({
        ...(await freePorts()),
        SAGA_DATA_DIR: join(dataDir, 'bad-config'),
        DATABASE_URL: undefined,
        AUTH_DATABASE_URL: authDb.url,
        ORDERS_DATABASE_URL: ordersDb.url,
        MONGO_URL: 'mysql://db/payments',
      });
      const { code } = await launcher.exit();
      assert.equal(code, 1);
      const output = launcher.output();
      assert.match(output, /^\[payments\] .*MONGO_URL: must be a URL/m);
      assert.match(output, /payments exited with code 1 before it was ready/);
      assert.match(output, /stopped auth, orders$/m);
      assert.doesNotMatch(output, /all services are ready/);
    });
  });

  describe('with a port already taken', () => {
    let squatter: Server;
    let taken: number;
    before(async () => {
      squatter = createServer();
      await new Promise<void>((resolve) => squatter.listen(0, '0.0.0.0', resolve));
      taken = (squatter.address() as { port: number }).port;
    });
    after(() => new Promise<void>((resolve) => squatter.close(() => resolve())));

    it('refuses to start anything and names the port and the service', async () => {
      const launcher = startLauncher({
        ...(await freePorts()),
        ORDERS_GRPC_PORT: String(taken),
        SAGA_DATA_DIR: join(dataDir, 'clash'),
        DATABASE_URL: undefined,
      });
      const { code } = await launcher.exit();
      assert.equal(code, 1);
      assert.match(
        launcher.output(),
        new RegExp(`port ${taken} is already in use: orders gRPC \\(ORDERS_GRPC_PORT\\)`),
      );
      assert.doesNotMatch(launcher.output(), /starting auth|\[auth\]/);
    });
  });
});
