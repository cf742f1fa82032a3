import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ClientProxyFactory, Transport, type ClientGrpc } from '@nestjs/microservices';
import { GRPC_LOADER_OPTIONS, paymentsV1, PROTO_FILES, PROTO_ROOT } from '#contracts';
import type { MongoEndpoint } from '#platform';
import {
  paymentsClient,
  startApp,
  testIdentity,
  testMongo,
  Toxiproxy,
  type AppProcess,
  type TestIdentity,
} from '#testing';
import { PaymentsGrpcAdapter } from '../src/payments-client/payments.grpc.adapter.js';
import {
  PaymentNotAttemptedError,
  PaymentOutcomeUnknownError,
} from '../src/payments-client/payments.errors.js';
import { ServiceCredentials } from '../src/payments-client/service-credentials.js';

/**
 * The adapter against the real payments service behind Toxiproxy, where replies can be delayed
 * past the deadline after payments has acted. Found by the chaos run: a retry refused by the
 * freshly opened breaker hid a charge that had happened, so the saga never refunded it.
 */
describe('payments gRPC adapter, with replies lost after payments acted', () => {
  let mongo: MongoEndpoint;
  let identity: TestIdentity;
  let payments: AppProcess;
  let toxiproxy: Toxiproxy;
  let adapter: PaymentsGrpcAdapter;
  let token: string;

  const charge = (orderId: string) =>
    adapter.charge(
      { orderId, customerId: 'alice', amount: { currencyCode: 'EUR', amountMinor: 500 } },
      token,
    );
  const stored = async (orderId: string) => {
    const client = paymentsClient(`127.0.0.1:${payments.grpcPort}`);
    try {
      return (await client.getPayment({ orderId }, token)).payment?.status;
    } catch {
      return undefined; // NOT_FOUND: payments holds nothing for the order
    } finally {
      client.close();
    }
  };

  before(async () => {
    [mongo, identity] = await Promise.all([testMongo(), testIdentity()]);
    payments = await startApp('payments', {
      grpc: true,
      env: { MONGO_URL: mongo.url, LOG_LEVEL: 'warn', ...identity.env },
    });
    token = await identity.token('alice');
    toxiproxy = await Toxiproxy.start();
    const url = await toxiproxy.createProxy('payments', `127.0.0.1:${payments.grpcPort}`);
    const grpc = ClientProxyFactory.create({
      transport: Transport.GRPC,
      options: {
        url,
        package: 'payments.v1',
        protoPath: `${PROTO_ROOT}${PROTO_FILES.payments}`,
        loader: GRPC_LOADER_OPTIONS,
      },
    }) as unknown as ClientGrpc;
    // One failure opens the breaker: the retry of a timed-out charge is refused by it.
    const settings = {
      deadlineMs: 300,
      retries: 1,
      breakerThreshold: 1,
      breakerHalfOpenMs: 60_000,
    };
    const account = {
      authUrl: identity.ordersEnv.AUTH_URL!,
      username: identity.ordersEnv.ORDERS_SERVICE_USERNAME,
      password: identity.ordersEnv.ORDERS_SERVICE_PASSWORD,
    };
    const credentials = new ServiceCredentials(account);
    // A first call through the proxy on the same channel, so it is connected (and payments warm)
    // before replies are delayed; with a patient adapter, so a slow start trips no breaker.
    const patient = {
      deadlineMs: 10_000,
      retries: 3,
      breakerThreshold: 100,
      breakerHalfOpenMs: 100,
    };
    const warmUp = new PaymentsGrpcAdapter(grpc, patient, credentials);
    warmUp.onModuleInit();
    const customer = { orderId: randomUUID(), customerId: 'alice' };
    const warmed = await warmUp.charge(
      { ...customer, amount: { currencyCode: 'EUR', amountMinor: 5 } },
      token,
    );
    assert.deepEqual(warmed, { status: 'captured' });
    adapter = new PaymentsGrpcAdapter(grpc, settings, credentials);
    adapter.onModuleInit();
  });
  after(async () => {
    await toxiproxy?.stop();
    await payments?.stop();
    await Promise.all([identity?.close(), mongo?.close()]);
  });

  it('calls a charge unknown when its reply was lost, though the retry met an open breaker', async () => {
    await toxiproxy.addToxic('payments', {
      name: 'slow-replies',
      type: 'latency',
      stream: 'downstream',
      attributes: { latency: 1_000 },
    });
    const orderId = randomUUID();
    await assert.rejects(charge(orderId), PaymentOutcomeUnknownError);
    assert.equal(await stored(orderId), paymentsV1.PaymentStatus.PAYMENT_STATUS_CAPTURED);
  });

  it('calls a charge not attempted when the open breaker refused every attempt', async () => {
    const orderId = randomUUID();
    await assert.rejects(charge(orderId), PaymentNotAttemptedError);
    assert.equal(await stored(orderId), undefined);
  });
});
