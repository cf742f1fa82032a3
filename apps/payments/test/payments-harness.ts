import type { Metadata } from '@grpc/grpc-js';
import { ON_BEHALF_OF, type Role } from '#identity';
import mongoose from 'mongoose';
import type { MongoEndpoint } from '#platform';
import {
  bearer,
  paymentsClient,
  startApp,
  testIdentity,
  testMongo,
  type AppProcess,
  type PaymentsTestClient,
  type TestIdentity,
} from '#testing';

/** A stored ledger entry as the service wrote it (read straight from the collection). */
export interface StoredPayment {
  _id: string;
  customerId: string;
  amount?: { currencyCode: string; amountMinor: number } | null;
  status: string;
  reason: string;
  history: { status: string; at: Date; reason: string; by: string }[];
}

/**
 * The built payments app as a real process on a fresh database of the MongoDB-wire server,
 * verifying tokens of a test identity, with a gRPC client and a direct view of its collection.
 */
export interface PaymentsHarness {
  app: AppProcess;
  client: PaymentsTestClient;
  identity: TestIdentity;
  /** Metadata carrying a fresh token for `subject` alone. */
  as(subject: string, role?: Role): Promise<Metadata>;
  /**
   * Metadata as orders sends it: its service token, and the token of the person it acts for
   * (`subject`, a customer unless `role` says otherwise) in x-on-behalf-of; none without one.
   */
  asOrders(subject?: string, role?: Role): Promise<Metadata>;
  stored(orderId: string): Promise<StoredPayment[]>;
  countStored(): Promise<number>;
  /** Current value of payments_total{outcome} on /metrics. */
  metric(outcome: string): Promise<number>;
  /** Log lines at error level or above (an unhandled error is logged there as INTERNAL). */
  errorLogs(): string[];
  close(): Promise<void>;
}

export async function startPayments(env: Record<string, string> = {}): Promise<PaymentsHarness> {
  const mongo: MongoEndpoint = await testMongo();
  const identity = await testIdentity();
  const app = await startApp('payments', {
    grpc: true,
    env: { MONGO_URL: mongo.url, LOG_LEVEL: 'warn', ...identity.env, ...env },
  }).catch(async (error: unknown) => {
    // Nothing may stay open when the app cannot start, or the test file never exits.
    await identity.close();
    await mongo.close();
    throw error;
  });
  const client = paymentsClient(`127.0.0.1:${app.grpcPort}`);
  const connection = await mongoose.createConnection(mongo.url).asPromise();
  const collection = connection.db!.collection<StoredPayment>('payments');
  return {
    app,
    client,
    identity,
    as: async (subject, role = 'customer') => bearer(await identity.token(subject, role)),
    asOrders: async (subject, role = 'customer') => {
      const metadata = bearer(await identity.serviceToken());
      if (subject !== undefined) metadata.set(ON_BEHALF_OF, await identity.token(subject, role));
      return metadata;
    },
    stored: (orderId) => collection.find({ _id: orderId }).toArray(),
    countStored: () => collection.countDocuments({}),
    metric: async (outcome) => {
      const text = await (await fetch(`http://127.0.0.1:${app.httpPort}/metrics`)).text();
      const line = text
        .split('\n')
        .find((l) => l.startsWith('payments_total{') && l.includes(`outcome="${outcome}"`));
      if (!line) throw new Error(`no payments_total{outcome="${outcome}"} on /metrics`);
      return Number(line.split(' ').at(-1));
    },
    errorLogs: () => app.output.filter((line) => /"level":(50|60)/.test(line)),
    close: async () => {
      client.close();
      await app.stop('SIGTERM');
      await connection.close();
      await identity.close();
      await mongo.close();
    },
  };
}

/** A gRPC failure's code and message, for assertions. */
export async function failure(call: Promise<unknown>): Promise<{ code: number; details: string }> {
  try {
    await call;
  } catch (error) {
    const { code, details } = error as { code: number; details: string };
    return { code, details };
  }
  throw new Error('the call succeeded but was expected to fail');
}

let sequence = 0;
/** A unique order id per call, so tests never share ledger entries. */
export function orderId(label: string): string {
  sequence += 1;
  return `${label}-${process.pid}-${Date.now().toString(36)}-${sequence}`;
}

export const eur = (amountMinor: number) => ({ currencyCode: 'EUR', amountMinor });
