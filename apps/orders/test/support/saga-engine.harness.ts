import { randomUUID } from 'node:crypto';
import { Global, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Caller } from '#identity';
import { MetricsModule, MetricsRegistry, typeOrmOptions, type PostgresEndpoint } from '#platform';
import {
  SagaModule,
  SagaOrchestrator,
  SagaReader,
  SagaRecoveryWorker,
  type SagaModuleOptions,
} from '#saga';
import { FaultyConfirmHook } from '../../src/faults/faulty-confirm.hook.js';
import { OrderPersistenceModule } from '../../src/orders/persistence/order-persistence.module.js';
import { OrderRepository } from '../../src/orders/persistence/order.repository.js';
import { CONFIRM_HOOK } from '../../src/orders/sagas/confirm-hook.js';
import { orderSagasFeature } from '../../src/orders/sagas/order-sagas.js';
import { CreateOrderUseCase } from '../../src/orders/usecases/create-order/create-order.usecase.js';
import { SAGA_RUN_BUDGET_MS } from '../../src/orders/usecases/run-budget.js';
import { PAYMENTS_PORT } from '../../src/payments-client/payments.port.js';
import { migrations } from '../../src/persistence/migrations/index.js';
import type { ScriptedPayments } from './scripted-payments.js';

export const CUSTOMER: Caller = {
  subject: 'customer-1',
  role: 'customer',
  tokenId: 't',
  token: 'tok',
};

export interface Engine {
  app: INestApplicationContext;
  createOrder: CreateOrderUseCase;
  orders: OrderRepository;
  sagas: SagaReader;
  orchestrator: SagaOrchestrator;
  recovery: SagaRecoveryWorker;
  metrics: MetricsRegistry;
}

export interface EngineSettings {
  leaseMs?: number;
  maxAttempts?: number;
  giveUpAfterMs?: number;
  retryInitialMs?: number;
  retryMaxMs?: number;
  /** The newest create-order version new sagas start on (default: the newest there is). */
  createOrderVersion?: number;
  fraudMaxOrdersPerHour?: number;
}

/** The order sagas as the orders app wires them, on a real database, with a scripted payments port. */
export async function startEngine(
  postgres: PostgresEndpoint,
  payments: ScriptedPayments,
  settings: EngineSettings = {},
): Promise<Engine> {
  const options: Omit<SagaModuleOptions, 'metrics'> = {
    leaseMs: settings.leaseMs ?? 5_000,
    retry: { initialMs: settings.retryInitialMs ?? 5, maxMs: settings.retryMaxMs ?? 20 },
    giveUp: {
      maxAttempts: settings.maxAttempts ?? 4,
      afterMs: settings.giveUpAfterMs ?? 3_600_000,
    },
    recovery: { intervalMs: 0, concurrency: 16 },
  };

  @Global()
  @Module({
    providers: [
      { provide: PAYMENTS_PORT, useValue: payments },
      // The test-only switch's confirm faults ([fail-confirm]), as FaultInjectionModule binds them.
      { provide: CONFIRM_HOOK, useClass: FaultyConfirmHook },
    ],
    exports: [PAYMENTS_PORT, CONFIRM_HOOK],
  })
  class TestDoublesModule {}

  @Module({
    imports: [
      TypeOrmModule.forRoot(typeOrmOptions(postgres, [], migrations)),
      MetricsModule.forRoot('orders-test'),
      TestDoublesModule,
      OrderPersistenceModule,
      SagaModule.forRootAsync({
        inject: [MetricsRegistry],
        useFactory: (metrics: MetricsRegistry) => ({ ...options, metrics }),
      }),
      orderSagasFeature({
        createOrderVersion: settings.createOrderVersion ?? 2,
        fraudMaxOrdersPerHour: settings.fraudMaxOrdersPerHour ?? 1_000,
      }),
    ],
    providers: [{ provide: SAGA_RUN_BUDGET_MS, useValue: 10_000 }, CreateOrderUseCase],
  })
  class EngineTestModule {}

  const app = await NestFactory.createApplicationContext(EngineTestModule, {
    logger: false,
    abortOnError: false,
  });
  return {
    app,
    createOrder: app.get(CreateOrderUseCase),
    orders: app.get(OrderRepository),
    sagas: app.get(SagaReader),
    orchestrator: app.get(SagaOrchestrator),
    recovery: app.get(SagaRecoveryWorker),
    metrics: app.get(MetricsRegistry),
  };
}

/** An order's saga and its timeline as `step:action:outcome` words. */
export async function timeline(engine: Engine, orderId: string) {
  const [saga] = await engine.sagas.withTimelines(orderId);
  const steps = saga!.timeline.map((s) => `${s.step}:${s.action}:${s.outcome}`);
  return { saga: saga!.saga, steps };
}

/** Runs recovery passes until `done` holds or `withinMs` has passed. */
export async function recoverUntil(
  engine: Engine,
  done: () => Promise<boolean>,
  withinMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline && !(await done())) {
    await engine.recovery.runOnce();
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Places an order on an engine whose charge reaches payments but never answers, then kills that
 * engine with the saga's lease held (a crash between the charge and its recording). Returns the
 * order id; `payments.hangCharges` is left on for the caller to lift.
 */
export async function crashMidCharge(
  postgres: PostgresEndpoint,
  payments: ScriptedPayments,
  amountMinor: number,
  settings: EngineSettings = {},
): Promise<string> {
  payments.hangCharges = true;
  // A lease long enough to outlast the next engine's start-up, however busy the machine.
  const crashed = await startEngine(postgres, payments, { leaseMs: 1_500, ...settings });
  const key = randomUUID();
  const amount = { currencyCode: 'EUR', amountMinor };
  const pending = crashed.createOrder.execute({
    caller: CUSTOMER,
    idempotencyKey: key,
    amount,
    description: '',
  });
  void pending.catch(() => {});
  await new Promise((resolve) => setTimeout(resolve, 100)); // the charge has reached payments
  const orderId = (await crashed.orders.findByIdempotencyKey(CUSTOMER.subject, key))!.id;
  // The engine dies mid-saga with the lease held: its connections go, no shutdown hook runs
  // (a clean close would hand the saga back).
  await crashed.app.get(DataSource).destroy();
  return orderId;
}
