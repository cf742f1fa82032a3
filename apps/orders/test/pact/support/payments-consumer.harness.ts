import { Test } from '@nestjs/testing';
import { PactV4 } from '@pact-foundation/pact';
import { rm } from 'node:fs/promises';
import { ordersConfigSchema } from '#platform';
import { testIdentity } from '#testing';
import { PACT_DIR, PACTICIPANTS, pactFile } from '../../../../../scripts/pact/pact-files.js';
import { PaymentsClientModule } from '../../../src/payments-client/payments-client.module.js';
import { PAYMENTS_PORT, type PaymentsPort } from '../../../src/payments-client/payments.port.js';
import { runGrpcInteraction, type GrpcInteraction } from './grpc-interaction.js';
import { PaymentsReplayServer } from './payments-replay.server.js';

/**
 * The orders side of the orders → payments pact: the real PaymentsClientModule (gRPC adapter,
 * deadlines, resilience policy, service login) wired by Nest against a replay server speaking
 * the pact. Its service account logs in at libs/testing's stand-in for auth.
 */
export interface PaymentsConsumer extends PaymentsClients {
  /** Adds one interaction and runs `exercise` (calls through `payments`) against it. */
  interaction(interaction: GrpcInteraction, exercise: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export interface PaymentsClients {
  /** orders as configured: with its service account. */
  payments: PaymentsPort;
  /** orders without ORDERS_SERVICE_USERNAME/PASSWORD: it has no token of its own. */
  withoutServiceAccount: PaymentsPort;
}

/** The real PaymentsClientModule wired by Nest against a replay server (no retries). */
export interface PaymentsAdapter extends PaymentsClients {
  replay: PaymentsReplayServer;
  close(): Promise<void>;
}

async function paymentsPort(env: Record<string, string>) {
  const config = ordersConfigSchema.parse({ PAYMENTS_RETRIES: '0', ...env });
  const module = await Test.createTestingModule({
    imports: [PaymentsClientModule.register(config)],
  }).compile();
  await module.init();
  return { port: module.get<PaymentsPort>(PAYMENTS_PORT), close: () => module.close() };
}

export async function startPaymentsAdapter(): Promise<PaymentsAdapter> {
  const [replay, identity] = await Promise.all([PaymentsReplayServer.start(), testIdentity()]);
  const target = { PAYMENTS_GRPC_URL: replay.address };
  const configured = await paymentsPort({ ...identity.ordersEnv, ...target });
  const unconfigured = await paymentsPort(target);
  return {
    payments: configured.port,
    withoutServiceAccount: unconfigured.port,
    replay,
    close: async () => {
      await Promise.all([configured.close(), unconfigured.close()]);
      await Promise.all([replay.close(), identity.close()]);
    },
  };
}

export async function startPaymentsConsumer(): Promise<PaymentsConsumer> {
  // Start from an empty file: merging would keep interactions a test no longer declares.
  await rm(pactFile(PACTICIPANTS.orders, PACTICIPANTS.payments), { force: true });
  const pact = new PactV4({
    consumer: PACTICIPANTS.orders,
    provider: PACTICIPANTS.payments,
    dir: PACT_DIR,
    logLevel: 'warn',
  });
  const { replay, close, ...clients } = await startPaymentsAdapter();
  return {
    ...clients,
    interaction: (interaction, exercise) => runGrpcInteraction(pact, replay, interaction, exercise),
    close,
  };
}
