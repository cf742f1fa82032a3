import { Injectable, Logger } from '@nestjs/common';
import type { Caller } from '#identity';
import { SagaOperator, type SagaView } from '#saga';
import { SagaConsoleMetrics } from '../../metrics/saga-console.metrics.js';
import { actorOf } from '../actor.js';

/**
 * "Resolve by hand": the operator vouches that what the engine could not do was done outside it
 * (a refund made in the payment provider's dashboard, say). The saga ends as it was heading to
 * end and the order gets its final status, with the note, in one transaction.
 */
@Injectable()
export class ResolveSagaUseCase {
  private readonly logger = new Logger(ResolveSagaUseCase.name);

  constructor(
    private readonly operator: SagaOperator,
    private readonly metrics: SagaConsoleMetrics,
  ) {}

  async execute(caller: Caller, sagaId: string, note: string): Promise<SagaView> {
    const saga = await this.operator.resolve(sagaId, actorOf(caller), note);
    this.metrics.operatorAction('resolved', saga.type);
    this.logger.warn(
      {
        saga_id: saga.id,
        order_id: saga.correlationId,
        actor: actorOf(caller),
        status: saga.status,
      },
      'STUCK saga resolved by hand',
    );
    return saga;
  }
}
