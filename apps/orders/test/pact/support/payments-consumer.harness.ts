import { Test, type TestingModule } from '@nestjs/testing';
import { PactV4 } from '@pact-foundation/pact';
import { rm } from 'node:fs/promises';
import { ordersConfigSchema } from '#platform';
import { PACT_DIR, PACTICIPANTS, pactFile } from '../../../../../scripts/pact/pact-files.js';
import { PaymentsClientModule } from '../../../src/payments-client/payments-client.module.js';
import { PAYMENTS_PORT, type PaymentsPort } from '../../../src/payments-client/payments.port.js';
import { runGrpcInteraction, type GrpcInteraction } from './grpc-interaction.js';
import { PaymentsReplayServer } from './payments-replay.server.js';

/**
 * The orders side of the orders → payments pact: the real PaymentsClientModule (gRPC adapter,
 * deadlines, resilience policy) wired by Nest against a replay server speaking the pact.
 */
export interface PaymentsConsumer {
  payments: PaymentsPort;
  /** Adds one interaction and runs `exercise` (calls through `payments`) against it. */
  interaction(interaction: GrpcInteraction, exercise: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

/** The real PaymentsClientModule wired by Nest against a replay server (no retries). */
export interface PaymentsAdapter {
  payments: PaymentsPort;
  replay: PaymentsReplayServer;
  close(): Promise<void>;
}

export async function startPaymentsAdapter(): Promise<PaymentsAdapter> {
  const replay = await PaymentsReplayServer.start();
  const config = ordersConfigSchema.parse({
    PAYMENTS_GRPC_URL: replay.address,
    PAYMENTS_RETRIES: '0',
  });
  const module: TestingModule = await Test.createTestingModule({
    imports: [PaymentsClientModule.register(config)],
  }).compile();
  await module.init();
  return {
    payments: module.get<PaymentsPort>(PAYMENTS_PORT),
    replay,
    close: async () => {
      await module.close();
      await replay.close();
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
  const { payments, replay, close } = await startPaymentsAdapter();
  return {
    payments,
    interaction: (interaction, exercise) => runGrpcInteraction(pact, replay, interaction, exercise),
    close,
  };
}
