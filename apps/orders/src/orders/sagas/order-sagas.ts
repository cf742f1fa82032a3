import type { DynamicModule, Type } from '@nestjs/common';
import { SagaModule, type AnySagaDefinition } from '#saga';
import { OrderPersistenceModule } from '../persistence/order-persistence.module.js';
import { CancelOrderSagaV1 } from './cancel-order.saga.js';
import { CreateOrderSagaV2, FRAUD_MAX_ORDERS_PER_HOUR } from './create-order-v2.saga.js';
import { CreateOrderSagaV1 } from './create-order.saga.js';

/**
 * Every saga version orders runs. A version stays listed while it may have sagas in flight:
 * orders refuses to start without one that unfinished sagas started on.
 */
const CREATE_ORDER_VERSIONS = [CreateOrderSagaV1, CreateOrderSagaV2];

/**
 * The definitions to register. `createOrderVersion` (SAGA_CREATE_ORDER_VERSION) is the newest
 * create-order version new sagas start on: keep it at the old one until every replica runs the
 * code that knows the new one (a staged rollout), or go back to it (a rollback).
 */
export function orderSagas(createOrderVersion: number): Type<AnySagaDefinition>[] {
  if (createOrderVersion > CREATE_ORDER_VERSIONS.length) {
    throw new Error(
      `SAGA_CREATE_ORDER_VERSION: ${createOrderVersion} is newer than this build's newest ` +
        `create-order version (${CREATE_ORDER_VERSIONS.length})`,
    );
  }
  return [...CREATE_ORDER_VERSIONS.slice(0, createOrderVersion), CancelOrderSagaV1];
}

export interface OrderSagaSettings {
  /** SAGA_CREATE_ORDER_VERSION */
  createOrderVersion: number;
  /** ORDERS_FRAUD_MAX_ORDERS_PER_HOUR */
  fraudMaxOrdersPerHour: number;
}

/** The order sagas registered with the engine, with what their steps need. */
export function orderSagasFeature(settings: OrderSagaSettings): DynamicModule {
  const values: DynamicModule = {
    module: class OrderSagaValues {},
    providers: [{ provide: FRAUD_MAX_ORDERS_PER_HOUR, useValue: settings.fraudMaxOrdersPerHour }],
    exports: [FRAUD_MAX_ORDERS_PER_HOUR],
  };
  return SagaModule.forFeature({
    imports: [OrderPersistenceModule, values],
    definitions: orderSagas(settings.createOrderVersion),
  });
}
