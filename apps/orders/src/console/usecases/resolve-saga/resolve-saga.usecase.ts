import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Caller } from '#identity';
import { SagaOrchestrator } from '../../../saga/engine/saga-orchestrator.js';
import type { SagaInstanceEntity } from '../../../saga/persistence/saga-instance.entity.js';
import { SagaStore } from '../../../saga/persistence/saga.store.js';
import { resolvedEnding, statusOfEnding } from '../../domain/saga-views.js';
import { SagaConsoleMetrics } from '../../metrics/saga-console.metrics.js';
import { SagaAdminRepository } from '../../persistence/saga-admin.repository.js';
import { actorOf, operatorStep, requireStuck } from '../stuck-saga.js';

/**
 * "Resolve by hand": the operator vouches that what the engine could not do was done outside it
 * (a refund made in the payment provider's dashboard, say). The saga ends as it was heading to
 * end and the order gets its final status, with the note, in one transaction.
 */
@Injectable()
export class ResolveSagaUseCase {
  private readonly logger = new Logger(ResolveSagaUseCase.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sagas: SagaAdminRepository,
    private readonly store: SagaStore,
    private readonly orchestrator: SagaOrchestrator,
    private readonly metrics: SagaConsoleMetrics,
  ) {}

  async execute(caller: Caller, sagaId: string, note: string): Promise<SagaInstanceEntity> {
    const saga = await this.dataSource.transaction(async (manager) => {
      const saga = requireStuck(await this.sagas.lock(manager, sagaId), sagaId, 'resolved');
      const ending = resolvedEnding(saga.ending);
      const now = new Date();
      await this.store.appendStep(manager, operatorStep(saga, 'resolved', caller, note, now));
      await this.orchestrator.definition(saga.type).finish(manager, {
        orderId: saga.orderId,
        ending,
        reason: `resolved by hand: ${note}`,
        at: now,
      });
      return this.sagas.write(manager, saga, {
        status: statusOfEnding(ending),
        ending,
        owner: null,
        updatedAt: now,
        finishedAt: now,
      });
    });
    this.metrics.operatorAction('resolved', saga.type);
    this.logger.warn(
      { saga_id: saga.id, order_id: saga.orderId, actor: actorOf(caller), status: saga.status },
      'STUCK saga resolved by hand',
    );
    return saga;
  }
}
