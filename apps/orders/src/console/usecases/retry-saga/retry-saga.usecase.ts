import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Caller } from '#identity';
import { SagaOrchestrator } from '../../../saga/engine/saga-orchestrator.js';
import type { SagaInstanceEntity } from '../../../saga/persistence/saga-instance.entity.js';
import { SagaStore } from '../../../saga/persistence/saga.store.js';
import { CONSOLE_SETTINGS, type ConsoleSettings } from '../../console.settings.js';
import { retriedStatus } from '../../domain/saga-views.js';
import { SagaConsoleMetrics } from '../../metrics/saga-console.metrics.js';
import { SagaAdminRepository } from '../../persistence/saga-admin.repository.js';
import { actorOf, operatorStep, requireStuck } from '../stuck-saga.js';

/**
 * "Retry now": a STUCK saga gets a fresh set of attempts at the action it gave up on, recorded
 * in its timeline in the same transaction, and this engine runs it at once (under a lease, so
 * the recovery worker resumes it if this process dies first).
 */
@Injectable()
export class RetrySagaUseCase {
  private readonly logger = new Logger(RetrySagaUseCase.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sagas: SagaAdminRepository,
    private readonly store: SagaStore,
    private readonly orchestrator: SagaOrchestrator,
    private readonly metrics: SagaConsoleMetrics,
    @Inject(CONSOLE_SETTINGS) private readonly settings: ConsoleSettings,
  ) {}

  async execute(caller: Caller, sagaId: string, note: string): Promise<SagaInstanceEntity> {
    const saga = await this.dataSource.transaction(async (manager) => {
      const saga = requireStuck(await this.sagas.lock(manager, sagaId), sagaId, 'retried');
      const now = new Date();
      await this.store.appendStep(manager, operatorStep(saga, 'retry-now', caller, note, now));
      return this.sagas.write(manager, saga, {
        status: retriedStatus(saga.ending),
        attempts: 0,
        owner: this.orchestrator.owner,
        nextAttemptAt: new Date(now.getTime() + this.settings.leaseMs),
        updatedAt: now,
        finishedAt: null,
      });
    });
    this.metrics.operatorAction('retry-now', saga.type);
    this.logger.warn(
      { saga_id: saga.id, order_id: saga.orderId, actor: actorOf(caller) },
      'STUCK saga retried by hand',
    );
    // A zero budget: the run goes on in the background; the console polls for its progress.
    await this.orchestrator.runWithin(saga, 0, caller.token);
    return saga;
  }
}
