import { Injectable } from '@nestjs/common';
import type { Caller } from '#identity';
import type { SagaInstanceEntity } from '../../../saga/persistence/saga-instance.entity.js';
import type { SagaStepEntity } from '../../../saga/persistence/saga-step.entity.js';
import { SagaStore } from '../../../saga/persistence/saga.store.js';
import { GetOrderUseCase } from '../get-order/get-order.usecase.js';

export interface SagaView {
  saga: SagaInstanceEntity;
  steps: SagaStepEntity[];
}

/** The sagas of an order the caller may see, each with its full timeline. */
@Injectable()
export class GetOrderSagaUseCase {
  constructor(
    private readonly getOrder: GetOrderUseCase,
    private readonly store: SagaStore,
  ) {}

  async execute(caller: Caller, orderId: string): Promise<SagaView[]> {
    await this.getOrder.execute(caller, orderId);
    const sagas = await this.store.findByOrder(orderId);
    return Promise.all(
      sagas.map(async (saga) => ({ saga, steps: await this.store.timeline(saga.id) })),
    );
  }
}
