import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { addLogFields } from '#platform';
import type { InsertCommand } from '../../persistence/entity-statements.js';
import { SagaInstanceEntity } from '../persistence/saga-instance.entity.js';
import { SagaStore } from '../persistence/saga.store.js';
import { SAGA_DEFINITIONS, type SagaDefinition } from './saga-definition.js';
import { SAGA_SETTINGS, type SagaSettings } from './saga-settings.js';
import { SagaStepRunner } from './saga-step.runner.js';
import { SagaTransition } from './saga-transition.js';
import { LeaseLostError, LocalStepFailure } from './saga.errors.js';
import { SagaMetrics } from './saga.metrics.js';

/**
 * Drives sagas: starts them in one statement with the caller's rows, then runs step after step, each
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

  /**
   * Creates a saga owned by this engine, written in one statement with `together` (e.g. the
   * order it is for): the saga exists exactly when those rows do.
   */
  async begin(
    type: string,
    orderId: string,
    payload: Record<string, unknown> = {},
    together: readonly InsertCommand[] = [],
  ): Promise<SagaInstanceEntity> {
    const definition = this.definition(type);
    const now = new Date();
    const saga = Object.assign(new SagaInstanceEntity(), {
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
      version: 1,
      payload,
    } satisfies SagaInstanceEntity);
    await this.store.insert(saga, together);
    // The rest of the request's log lines (its "request completed" too) name the saga and order.
    addLogFields({ saga_id: saga.id, order_id: orderId });
    this.metrics.sagaStarted(type);
    return saga;
  }

  /**
   * Runs a saga this engine owns until it ends, waits for a retry, gets stuck or is taken over.
   * Takes the saga row as just written (no re-read) or its id. Returns the row as this engine
   * last wrote it, or undefined when it did not own the saga or lost it to another engine.
   * `resumed`: taken over by recovery, so the pending step may already have run once without its
   * outcome being recorded.
   */
  async run(
    sagaOrId: SagaInstanceEntity | string,
    credentials?: string,
    resumed = false,
  ): Promise<SagaInstanceEntity | undefined> {
    let saga =
      typeof sagaOrId === 'string' ? await this.store.findOwned(sagaOrId, this.owner) : sagaOrId;
    const id = typeof sagaOrId === 'string' ? sagaOrId : sagaOrId.id;
    for (let first = true; saga; first = false) {
      const definition = this.definition(saga.type);
      const run = await this.steps.run(definition, saga, credentials, resumed && first);
      if (!run) return saga;
      const current = saga;
      try {
        const apply = (failed?: LocalStepFailure) =>
          this.dataSource.transaction((manager) =>
            this.transition.apply(manager, definition, current, this.owner, run, failed),
          );
        const applied = await apply().catch((error: unknown) => {
          if (error instanceof LocalStepFailure) return apply(error);
          throw error;
        });
        if (applied.ended)
          this.metrics.sagaEnded(current.type, applied.ended, current.createdAt, new Date());
        if (!applied.continue) return applied.saga;
        saga = applied.saga ?? null;
      } catch (error) {
        if (!(error instanceof LeaseLostError)) throw error;
        this.logger.warn(
          { saga_id: id, order_id: current.orderId },
          'saga taken over by another engine',
        );
        saga = null;
      }
    }
    return undefined;
  }

  /**
   * Runs a saga for at most `budgetMs`; past that it goes on in the background (and the recovery
   * worker takes over if this process dies), so a request never waits on a slow downstream.
   * Returns the saga as written when its run stopped in time, else undefined.
   */
  async runWithin(
    saga: SagaInstanceEntity,
    budgetMs: number,
    credentials?: string,
  ): Promise<SagaInstanceEntity | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const running = this.run(saga, credentials).catch((error: unknown) => {
      this.logger.error(
        { saga_id: saga.id, err: error },
        'saga run failed; recovery will resume it',
      );
      return undefined;
    });
    const budget = new Promise<undefined>(
      (resolve) => (timer = setTimeout(() => resolve(undefined), budgetMs)),
    );
    const stopped = await Promise.race([running, budget]);
    clearTimeout(timer);
    return stopped;
  }

  definition(type: string): SagaDefinition {
    const definition = this.definitions.get(type);
    if (!definition) throw new Error(`unknown saga type ${type}`);
    return definition;
  }
}
