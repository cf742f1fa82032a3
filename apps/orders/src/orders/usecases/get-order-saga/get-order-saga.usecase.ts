import { Injectable } from '@nestjs/common';
import type { Caller } from '#identity';
import { SagaReader, type SagaWithTimeline } from '#saga';
import { GetOrderUseCase } from '../get-order/get-order.usecase.js';

/** The sagas of an order the caller may see, each with its full timeline. */
@Injectable()
export class GetOrderSagaUseCase {
  constructor(
    private readonly getOrder: GetOrderUseCase,
    private readonly sagas: SagaReader,
  ) {}

  async execute(caller: Caller, orderId: string): Promise<SagaWithTimeline[]> {
    await this.getOrder.execute(caller, orderId);
    return this.sagas.withTimelines(orderId);
  }
}
