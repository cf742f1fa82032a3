import * as grpc from '@grpc/grpc-js';
import type { MessageDescriptor } from '@pact-foundation/pact';
import { paymentsV1 } from '#contracts';
import { ON_BEHALF_OF } from '#identity';
import type { MongoEndpoint } from '#platform';
import {
  bearer,
  startApp,
  testIdentity,
  testMongo,
  type AppProcess,
  type TestIdentity,
} from '#testing';
import { callUnary } from '../../../../scripts/pact/grpc-codec.js';
import { rpcNameOf, statusBodyOf } from '../../../../scripts/pact/grpc-message.js';
import { findRpc, PAYMENT_RPCS } from '../../../../scripts/pact/grpc-rpcs.js';
import type { StateHandlers } from '../../../../scripts/pact/pact-source.js';
import {
  callIdentityOf,
  PAYMENT_STATES,
  type CallIdentity,
} from '../../../../scripts/pact/payments-states.js';

/**
 * payments as the provider under verification: the built app as a real process on a fresh
 * database of the MongoDB-wire server, reached over the network with the generated codecs.
 */
export interface PaymentsProvider {
  app: AppProcess;
  stateHandlers: StateHandlers;
  /** Answers one interaction: its request JSON → the running server → response JSON or status. */
  answer(message: MessageDescriptor): Promise<unknown>;
  close(): Promise<void>;
}

export interface ProviderOptions {
  /** Which build to run: `payments`, or a deliberately broken copy (scripts/pact/broken-build). */
  app?: string;
  env?: Record<string, string>;
}

export async function startPaymentsProvider(
  options: ProviderOptions = {},
): Promise<PaymentsProvider> {
  const { app: appName = 'payments', env = {} } = options;
  const mongo: MongoEndpoint = await testMongo();
  const identity: TestIdentity = await testIdentity();
  const app = await startApp(appName, {
    grpc: true,
    env: { MONGO_URL: mongo.url, LOG_LEVEL: 'warn', ...identity.env, ...env },
  });
  const client = new grpc.Client(`127.0.0.1:${app.grpcPort}`, grpc.credentials.createInsecure());
  // Calls as orders makes them: its service token, and the customer's token on whose behalf.
  const as = async (caller: CallIdentity): Promise<grpc.Metadata> => {
    if (caller.kind === 'anonymous') return new grpc.Metadata();
    const metadata = bearer(await identity.serviceToken());
    if (caller.kind === 'orders-for') {
      metadata.set(ON_BEHALF_OF, await identity.token(caller.customerId));
    }
    return metadata;
  };
  const asOrders = () => as({ kind: 'orders' });
  const { processPayment, refundPayment, getPayment } = PAYMENT_RPCS;
  const { PaymentStatus } = paymentsV1;

  const chargeState = (expected: paymentsV1.PaymentStatus) => async (params: unknown) => {
    const { orderId, customerId, currencyCode, amountMinor } = stateParams(params);
    const request = {
      orderId,
      customerId,
      amount: { currencyCode, amountMinor: Number(amountMinor) },
    };
    const metadata = await as({ kind: 'orders-for', customerId });
    const { payment } = await callUnary(client, processPayment, request, metadata);
    expectStatus(payment, expected, orderId);
  };
  const stateHandlers: StateHandlers = {
    [PAYMENT_STATES.none]: async (params) => {
      const { orderId } = stateParams(params);
      const found = await callUnary(client, getPayment, { orderId }, await asOrders()).then(
        () => true,
        (error: grpc.ServiceError) =>
          error.code === grpc.status.NOT_FOUND ? false : Promise.reject(error),
      );
      if (found) throw new Error(`state "${PAYMENT_STATES.none}": order ${orderId} has a payment`);
    },
    [PAYMENT_STATES.captured]: chargeState(PaymentStatus.PAYMENT_STATUS_CAPTURED),
    [PAYMENT_STATES.declined]: chargeState(PaymentStatus.PAYMENT_STATUS_DECLINED),
    [PAYMENT_STATES.voided]: async (params) => {
      const { orderId } = stateParams(params);
      const request = { orderId, reason: 'provider state: refund before charge' };
      const { payment } = await callUnary(client, refundPayment, request, await asOrders());
      expectStatus(payment, PaymentStatus.PAYMENT_STATUS_VOIDED, orderId);
    },
    // Who calls: nothing to store, answer() sends the interaction's call as that caller.
    [PAYMENT_STATES.anonymous]: async () => undefined,
    [PAYMENT_STATES.ordersAlone]: async () => undefined,
    [PAYMENT_STATES.forCustomer]: async () => undefined,
  };

  return {
    app,
    stateHandlers,
    answer: async (message) => {
      const rpc = findRpc(PAYMENT_RPCS, rpcNameOf(message.description));
      const metadata = await as(callIdentityOf(message.providerStates));
      try {
        const response = await callUnary(
          client,
          rpc,
          rpc.request.fromJSON(message.content),
          metadata,
        );
        return rpc.response.toJSON(response);
      } catch (error) {
        const status = statusBodyOf(error);
        if (!status) throw error;
        return status;
      }
    },
    close: async () => {
      client.close();
      await app.stop('SIGTERM');
      await identity.close();
      await mongo.close();
    },
  };
}

function stateParams(params: unknown): Record<string, string> {
  const entries = Object.entries((params ?? {}) as Record<string, unknown>);
  return Object.fromEntries(entries.map(([key, value]) => [key, String(value)]));
}

function expectStatus(
  payment: paymentsV1.Payment | undefined,
  expected: paymentsV1.PaymentStatus,
  orderId: string,
) {
  if (payment?.status !== expected) {
    const actual = paymentsV1.paymentStatusToJSON(payment?.status ?? 0);
    throw new Error(
      `provider state for ${orderId}: expected ${paymentsV1.paymentStatusToJSON(expected)}, got ${actual}`,
    );
  }
}
