import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { SagaInstanceEntity } from '../persistence/saga-instance.entity.js';
import { SagaStore } from '../persistence/saga.store.js';
import { SAGA_DEFINITIONS, type SagaDefinition } from './saga-definition.js';
import { SAGA_SETTINGS, type SagaSettings } from './saga-settings.js';
import { isTerminal, type SagaStatus } from './saga-state.js';
import { SagaStepRunner, type StepRun } from './saga-step.runner.js';
import { SagaTransition, type Applied } from './saga-transition.js';
import { SagaMetrics } from './saga.metrics.js';

/**
 * Drives sagas: starts them inside the caller's transaction, then runs step after step, each
 * transition persisted (with its timeline row and any order change) in one transaction. Progress
 * lives in the database, so another engine (a restart, another replica) can take over.
 */
@Injectable()
export class SagaOrchestrator {
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly logger = new Logger(SagaOrchestrator.name);
  private readonly definitions: Map<string, SagaDefinition>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: SagaStore,
    private readonly steps: SagaStepRunner,
    private readonly transition: SagaTransition,
    @Inject(SAGA_DEFINITIONS) definitions: SagaDefinition[],
    @Inject(SAGA_SETTINGS) private readonly settings: SagaSettings,
    private readonly metrics: SagaMetrics,
  ) {
    this.definitions = new Map(definitions.map((definition) => [definition.type, definition]));
  }

  /** Creates a saga owned by this engine, in the transaction that creates its order. */
  async begin(manager: EntityManager, type: string, orderId: string): Promise<string> {
    const definition = this.definition(type);
    const now = new Date();
    const saga = manager.create(SagaInstanceEntity, {
      id: randomUUID(),
      type,
      orderId,
      status: 'RUNNING',
      step: definition.steps[0]!.name,
      attempts: 0,
      lastError: '',
      ending: null,
      owner: this.owner,
      nextAttemptAt: new Date(now.getTime() + this.settings.leaseMs),
      createdAt: now,
      updatedAt: now,
      finishedAt: null,
    });
    await this.store.insert(manager, saga);
    this.metrics.sagaStarted(type);
    return saga.id;
  }

  /**
   * Runs a saga this engine owns until it ends, waits for a retry, gets stuck or is taken over.
   * Returns the status it stopped in. `resumed`: taken over by recovery, so the pending step may
   * already have run once without its outcome being recorded.
   */
  async run(
    sagaId: string,
    credentials?: string,
    resumed = false,
  ): Promise<SagaStatus | undefined> {
    for (let first = true; ; first = false) {
      const saga = await this.store.findOwned(sagaId, this.owner);
      if (!saga) return (await this.store.findById(sagaId))?.status;
      const definition = this.definition(saga.type);
      const run = await this.steps.run(definition, saga, credentials, resumed && first);
      if (!run) return saga.status;
      const next = await this.commit(definition, saga, run);
      if (next.ended) {
        const { type, status, createdAt, at } = next.ended;
        this.metrics.sagaEnded(type, status, createdAt, at);
      }
      if (!next.continue) return next.status;
    }
  }

  private async commit(
    definition: SagaDefinition,
    saga: SagaInstanceEntity,
    run: StepRun,
  ): Promise<Applied> {
    try {
      return await this.dataSource.transaction((manager) =>
        this.transition.apply(manager, definition, saga.id, this.owner, run),
      );
    } catch (error) {
      if (!run.local) throw error;
      // A local step's writes rolled back with its transaction: record it as failed instead.
      const failed: StepRun = {
        ...run,
        local: undefined,
        outcome: 'failed',
        error: describe(error),
      };
      this.logger.warn(
        { saga_id: saga.id, order_id: saga.orderId, err: error },
        'local step failed',
      );
      return this.dataSource.transaction((manager) =>
        this.transition.apply(manager, definition, saga.id, this.owner, failed),
      );
    }
  }

  /**
   * Runs a saga for at most `budgetMs`; past that it goes on in the background (and the recovery
   * worker takes over if this process dies), so a request never waits on a slow downstream.
   */
  async runWithin(sagaId: string, budgetMs: number, credentials?: string): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const running = this.run(sagaId, credentials).catch((error: unknown) => {
      this.logger.error(
        { saga_id: sagaId, err: error },
        'saga run failed; recovery will resume it',
      );
    });
    const budget = new Promise<void>((resolve) => (timer = setTimeout(resolve, budgetMs)));
    await Promise.race([running, budget]);
    clearTimeout(timer);
  }

  definition(type: string): SagaDefinition {
    const definition = this.definitions.get(type);
    if (!definition) throw new Error(`unknown saga type ${type}`);
    return definition;
  }

  isTerminal(status: SagaStatus | undefined): boolean {
    return status !== undefined && isTerminal(status);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
