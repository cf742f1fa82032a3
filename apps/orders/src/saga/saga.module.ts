import { Module, type DynamicModule } from '@nestjs/common';
import { OrderPersistenceModule } from '../orders/persistence/order-persistence.module.js';
import { CancelOrderSaga } from './cancel-order.saga.js';
import { CreateOrderSaga } from './create-order.saga.js';
import { SAGA_DEFINITIONS } from './engine/saga-definition.js';
import { SagaOrchestrator } from './engine/saga-orchestrator.js';
import { SagaRecoveryWorker } from './engine/saga-recovery.worker.js';
import { SAGA_SETTINGS, type SagaSettings } from './engine/saga-settings.js';
import { SagaStepRunner } from './engine/saga-step.runner.js';
import { SagaTransition } from './engine/saga-transition.js';
import { SagaMetrics } from './engine/saga.metrics.js';
import { SagaStore } from './persistence/saga.store.js';
import { SAGA_FAULTS_ENABLED, SagaFaults } from './saga-faults.js';

/**
 * The saga engine and the two sagas built on it. Needs PAYMENTS_PORT and MetricsRegistry.
 * Global: one engine per process, which the orders use cases and the saga console share.
 */
@Module({})
export class SagaModule {
  static register(settings: SagaSettings, faultsEnabled: boolean): DynamicModule {
    return {
      module: SagaModule,
      global: true,
      imports: [OrderPersistenceModule],
      providers: [
        { provide: SAGA_SETTINGS, useValue: settings },
        { provide: SAGA_FAULTS_ENABLED, useValue: faultsEnabled },
        SagaFaults,
        SagaStore,
        SagaMetrics,
        SagaStepRunner,
        SagaTransition,
        CreateOrderSaga,
        CancelOrderSaga,
        {
          provide: SAGA_DEFINITIONS,
          inject: [CreateOrderSaga, CancelOrderSaga],
          useFactory: (create: CreateOrderSaga, cancel: CancelOrderSaga) => [create, cancel],
        },
        SagaOrchestrator,
        SagaRecoveryWorker,
      ],
      exports: [SagaOrchestrator, SagaStore, SagaRecoveryWorker, SagaFaults],
    };
  }
}
