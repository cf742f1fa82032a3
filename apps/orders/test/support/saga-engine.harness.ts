import { randomUUID } from 'node:crypto';
import { Global, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Caller } from '#identity';
import { MetricsModule, MetricsRegistry, typeOrmOptions, type PostgresEndpoint } from '#platform';
import { migrations } from '../../src/persistence/migrations/index.js';
import { OrderEntity } from '../../src/orders/persistence/order.entity.js';
import { OrderPersistenceModule } from '../../src/orders/persistence/order-persistence.module.js';
import { OrderRepository } from '../../src/orders/persistence/order.repository.js';
import { CreateOrderUseCase } from '../../src/orders/usecases/create-order/create-order.usecase.js';
import { SAGA_RUN_BUDGET_MS } from '../../src/orders/usecases/run-budget.js';
import { PAYMENTS_PORT } from '../../src/payments-client/payments.port.js';
import { SagaOrchestrator } from '../../src/saga/engine/saga-orchestrator.js';
import { SagaRecoveryWorker } from '../../src/saga/engine/saga-recovery.worker.js';
import type { SagaSettings } from '../../src/saga/engine/saga-settings.js';
import { SagaInstanceEntity } from '../../src/saga/persistence/saga-instance.entity.js';
import { SagaStepEntity } from '../../src/saga/persistence/saga-step.entity.js';
import { SagaStore } from '../../src/saga/persistence/saga.store.js';
import { SagaModule } from '../../src/saga/saga.module.js';
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
  store: SagaStore;
  orchestrator: SagaOrchestrator;
  recovery: SagaRecoveryWorker;
  metrics: MetricsRegistry;
}

/** The saga engine as the orders app wires it, on a real database, with a scripted payments port. */
export async function startEngine(
  postgres: PostgresEndpoint,
  payments: ScriptedPayments,
  settings: Partial<SagaSettings> = {},
): Promise<Engine> {
  @Global()
  @Module({ providers: [{ provide: PAYMENTS_PORT, useValue: payments }], exports: [PAYMENTS_PORT] })
  class FakePaymentsModule {}

  @Module({
    imports: [
      TypeOrmModule.forRoot(
        typeOrmOptions(postgres, [OrderEntity, SagaInstanceEntity, SagaStepEntity], migrations),
      ),
      MetricsModule.forRoot('orders-test'),
      FakePaymentsModule,
      OrderPersistenceModule,
      SagaModule.register(
        {
          leaseMs: 5_000,
          maxAttempts: 4,
          retryInitialMs: 5,
          retryMaxMs: 20,
          recoveryIntervalMs: 0,
          ...settings,
        },
        true,
      ),
    ],
    providers: [{ provide: SAGA_RUN_BUDGET_MS, useValue: 10_000 }, CreateOrderUseCase],
  })
  class EngineTestModule {}

  const app = await NestFactory.createApplicationContext(EngineTestModule, { logger: false });
  return {
    app,
    createOrder: app.get(CreateOrderUseCase),
    orders: app.get(OrderRepository),
    store: app.get(SagaStore),
    orchestrator: app.get(SagaOrchestrator),
    recovery: app.get(SagaRecoveryWorker),
    metrics: app.get(MetricsRegistry),
  };
}

/** Runs recovery passes until `done` holds or the attempts run out. */
export async function recoverUntil(
  engine: Engine,
  done: () => Promise<boolean>,
  passes = 50,
): Promise<void> {
  for (let i = 0; i < passes && !(await done()); i += 1) {
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
): Promise<string> {
  payments.hangCharges = true;
  const crashed = await startEngine(postgres, payments, { leaseMs: 300 });
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
  await crashed.app.close(); // the engine dies mid-saga, lease held
  return orderId;
}
