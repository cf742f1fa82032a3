import { Injectable, Logger } from '@nestjs/common';
import type { Caller } from '#identity';
import { SagaOperator, type SagaView } from '#saga';
import { SagaConsoleMetrics } from '../../metrics/saga-console.metrics.js';
import { actorOf } from '../actor.js';

/**
 * "Retry now": a STUCK saga gets a fresh set of tries at the action it gave up on, recorded in
 * its timeline. It is queued for the recovery worker, not run here, so retrying many at once
 * reaches payments at the worker's bounded pace.
 */
@Injectable()
export class RetrySagaUseCase {
  private readonly logger = new Logger(RetrySagaUseCase.name);

  constructor(
    private readonly operator: SagaOperator,
    private readonly metrics: SagaConsoleMetrics,
  ) {}

  async execute(caller: Caller, sagaId: string, note: string): Promise<SagaView> {
    const saga = await this.operator.retry(sagaId, actorOf(caller), note);
    this.metrics.operatorAction('retry-now', saga.type);
    this.logger.warn(
      { saga_id: saga.id, order_id: saga.correlationId, actor: actorOf(caller) },
      'STUCK saga queued for retry by hand',
    );
    return saga;
  }
}
