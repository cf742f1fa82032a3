import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LaunchError } from './launch-error.js';
import { planServices, SERVICE_ORDER } from './plan.js';

const ROOT = '/repo';
const ADMIN = { username: 'admin', password: 'dev-admin-password' };
const byName = (env: NodeJS.ProcessEnv) =>
  Object.fromEntries(planServices(env, ROOT, ADMIN).map((plan) => [plan.name, plan]));

describe('planServices', () => {
  it('uses the DESIGN.md default ports and wires orders and payments to the local auth', () => {
    const { auth, orders, payments } = byName({});
    assert.deepEqual(
      planServices({}, ROOT, ADMIN).map((plan) => plan.name),
      SERVICE_ORDER,
    );
    assert.equal(auth!.env.HTTP_PORT, '3001');
    assert.equal(auth!.env.GRPC_PORT, undefined);
    assert.deepEqual([orders!.env.HTTP_PORT, orders!.env.GRPC_PORT], ['3002', '50051']);
    assert.deepEqual([payments!.env.HTTP_PORT, payments!.env.GRPC_PORT], ['3003', '50052']);
    assert.equal(orders!.env.PAYMENTS_GRPC_URL, 'localhost:50052');
    for (const plan of [orders!, payments!]) {
      assert.equal(plan.env.AUTH_JWKS_URL, 'http://localhost:3001/.well-known/jwks.json');
    }
  });

  it('honours per-service port variables', () => {
    const { auth, orders, payments } = byName({
      AUTH_HTTP_PORT: '4001',
      ORDERS_HTTP_PORT: '4002',
      ORDERS_GRPC_PORT: '4051',
      PAYMENTS_HTTP_PORT: '4003',
      PAYMENTS_GRPC_PORT: '4052',
    });
    assert.equal(auth!.httpPort, 4001);
    assert.deepEqual([orders!.env.HTTP_PORT, orders!.env.GRPC_PORT], ['4002', '4051']);
    assert.deepEqual([payments!.env.HTTP_PORT, payments!.env.GRPC_PORT], ['4003', '4052']);
    assert.equal(orders!.env.PAYMENTS_GRPC_URL, 'localhost:4052');
    assert.equal(payments!.env.AUTH_JWKS_URL, 'http://localhost:4001/.well-known/jwks.json');
  });

  it('keeps data and logs under .data by default, or under SAGA_DATA_DIR', () => {
    const defaults = byName({});
    assert.equal(defaults.orders!.env.DATA_DIR, '/repo/.data/orders');
    assert.equal(defaults.orders!.logFile, '/repo/.data/logs/orders.log');
    assert.match(defaults.orders!.store, /^embedded PGlite \(\.data\/orders\)$/);
    const moved = byName({ SAGA_DATA_DIR: '/tmp/elsewhere' });
    assert.equal(moved.payments!.env.DATA_DIR, '/tmp/elsewhere/payments');
    assert.equal(moved.auth!.logFile, '/tmp/elsewhere/logs/auth.log');
  });

  it('gives each app its own store URL and never leaks a variable meant for one child', () => {
    const { auth, orders, payments } = byName({
      AUTH_DATABASE_URL: 'postgres://u:secret@db:5432/auth',
      ORDERS_DATABASE_URL: 'postgres://u:secret@db:5432/orders',
      MONGO_URL: 'mongodb://mongo:27017/payments',
      HTTP_PORT: '9999',
      OTEL_SERVICE_NAME: 'everything',
      LOG_LEVEL: 'debug',
    });
    assert.equal(auth!.env.DATABASE_URL, 'postgres://u:secret@db:5432/auth');
    assert.equal(orders!.env.DATABASE_URL, 'postgres://u:secret@db:5432/orders');
    assert.equal(payments!.env.MONGO_URL, 'mongodb://mongo:27017/payments');
    assert.equal(payments!.env.DATABASE_URL, undefined);
    assert.equal(auth!.env.MONGO_URL, undefined);
    assert.equal(auth!.env.HTTP_PORT, '3001');
    assert.equal(orders!.env.OTEL_SERVICE_NAME, undefined);
    assert.equal(orders!.env.LOG_LEVEL, 'debug');
    assert.equal(auth!.store, 'PostgreSQL db:5432/auth');
    assert.doesNotMatch(orders!.store, /secret/);
  });

  it('refuses one DATABASE_URL for both auth and orders, naming the variables to set', () => {
    assert.throws(
      () => planServices({ DATABASE_URL: 'postgres://db/app' }, ROOT, ADMIN),
      (error: unknown) =>
        error instanceof LaunchError &&
        /AUTH_DATABASE_URL/.test(error.message) &&
        /ORDERS_DATABASE_URL/.test(error.message),
    );
  });

  it('names a port variable that is not a port', () => {
    assert.throws(
      () => planServices({ ORDERS_GRPC_PORT: '70000' }, ROOT, ADMIN),
      (error: unknown) =>
        error instanceof LaunchError && /ORDERS_GRPC_PORT.*"70000"/.test(error.message),
    );
  });
});

describe('planServices accounts', () => {
  it('seeds the admin and orders’ own service account in auth, orders logs in as the latter, with the fault switch on', () => {
    const { auth, orders } = byName({});
    assert.equal(auth!.env.ADMIN_USERNAME, 'admin');
    assert.equal(auth!.env.ADMIN_PASSWORD, 'dev-admin-password');
    assert.equal(auth!.env.ORDERS_SERVICE_USERNAME, 'orders-service');
    assert.equal(orders!.env.ORDERS_SERVICE_USERNAME, 'orders-service');
    const password = orders!.env.ORDERS_SERVICE_PASSWORD;
    assert.equal(auth!.env.ORDERS_SERVICE_PASSWORD, password);
    assert.ok(password && password.length >= 12 && password !== 'dev-admin-password');
    assert.equal(byName({}).orders!.env.ORDERS_SERVICE_PASSWORD, password, 'stable across starts');
    assert.equal(orders!.env.AUTH_URL, 'http://localhost:3001');
    assert.equal(orders!.env.SAGA_FAULTS_ENABLED, 'true');
    assert.equal(byName({ SAGA_FAULTS_ENABLED: 'false' }).orders!.env.SAGA_FAULTS_ENABLED, 'false');
  });
});
