import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SagaInstanceEntity } from '../persistence/saga-instance.entity.js';
import { SagaStore } from '../persistence/saga.store.js';
import { retryDelayMs } from './saga-backoff.js';
import { shapesOf, type SagaDefinition } from './saga-definition.js';
import { executeLocalStep, type LocalResult } from './saga-local-step.js';
import { SAGA_SETTINGS, type SagaSettings } from './saga-settings.js';
import {
  isTerminal,
  type SagaState,
  type SagaStatus,
  type StepAction,
  type StepOutcome,
} from './saga-state.js';
import { stateOf } from './saga-state.mapper.js';
import type { StepRun } from './saga-step.runner.js';
import { isRetry, nextState } from './saga-transitions.js';
import { timelineRow, type TimelineRow } from './saga-timeline-row.js';
import { LeaseLostError, type LocalStepFailure } from './saga.errors.js';

export interface Applied {
  /** The saga as written, for the next step; undefined when another engine holds it now. */
  saga?: SagaInstanceEntity;
  /** The engine should go on with the next action right away. */
  continue: boolean;
  /** Set when the saga reached a terminal state or got stuck in this transition. */
  ended?: SagaStatus;
}

/**
 * Persists a step's result in the caller's transaction: the timeline row, the saga's new state
 * and lease (one conditional UPDATE), and, at the end, the order's final status. Local steps that
 * follow run in the same transaction, so a charge and its confirmation commit once.
 */
@Injectable()
export class SagaTransition {
  private readonly logger = new Logger('Saga');

  constructor(
    private readonly store: SagaStore,
    @Inject(SAGA_SETTINGS) private readonly settings: SagaSettings,
  ) {}

  /**
   * `failedLocal` names a local step that threw in an earlier try of this same transition: it is
   * recorded as failed instead of being run again (its writes were rolled back with that try).
   */
  async apply(
    manager: EntityManager,
    definition: SagaDefinition,
    saga: SagaInstanceEntity,
    owner: string,
    run: StepRun,
    failedLocal?: LocalStepFailure,
  ): Promise<Applied> {
    // One time for the whole transition: the saga's row and a local step's writes share it.
    const now = new Date();
    const rows: TimelineRow[] = [];
    let state = stateOf(definition, saga);
    let lastError = saga.lastError;
    const record = (index: number, action: StepAction, result: LocalResult) => {
      const next = this.next(definition, state, action, result.outcome);
      rows.push(
        timelineRow(saga.id, definition, {
          ...result,
          index,
          action,
          before: state,
          next,
          traceId: run.traceId,
        }),
      );
      lastError = result.error || lastError;
      state = next;
    };
    if (!run.local) record(run.index, run.action, run);
    // Local steps run here, in this transaction: a charge and its confirmation commit once.
    const ran = new Set<number>();
    while (
      state.status === 'RUNNING' &&
      definition.steps[state.stepIndex]!.local &&
      !ran.has(state.stepIndex)
    ) {
      ran.add(state.stepIndex);
      record(
        state.stepIndex,
        'execute',
        await executeLocalStep(manager, definition, saga, state, now, failedLocal),
      );
    }
    return this.write(manager, definition, saga, owner, state, rows, lastError, now);
  }

  private async write(
    manager: EntityManager,
    definition: SagaDefinition,
    saga: SagaInstanceEntity,
    owner: string,
    next: SagaState,
    rows: TimelineRow[],
    lastError: string,
    now: Date,
  ): Promise<Applied> {
    const before = stateOf(definition, saga);
    const retrying = isRetry(before, next);
    const ended = isTerminal(next.status) || next.status === 'STUCK';
    const written: SagaInstanceEntity = {
      ...saga,
      status: next.status,
      step: definition.steps[next.stepIndex]!.name,
      attempts: next.attempts,
      ending: next.ending,
      lastError: lastError.slice(0, 2000),
      updatedAt: now,
      owner: retrying || ended ? null : owner,
      nextAttemptAt: new Date(now.getTime() + this.delayMs(retrying, next.attempts)),
      finishedAt: isTerminal(next.status) ? now : null,
    };
    // Lost the lease (or raced): throwing rolls back the rows and any local step's writes.
    if (!(await this.store.advance(manager, written, owner, rows))) {
      throw new LeaseLostError(saga.id);
    }
    if (isTerminal(next.status)) {
      await definition.finish(manager, {
        orderId: saga.orderId,
        ending: next.ending!,
        reason: written.lastError,
        at: now,
      });
    }
    if (next.status === 'STUCK') this.reportStuck(written);
    return {
      saga: { ...written, version: saga.version + 1 },
      continue: !retrying && !ended,
      ended: ended ? next.status : undefined,
    };
  }

  private next(
    definition: SagaDefinition,
    state: SagaState,
    action: 'execute' | 'compensate',
    outcome: StepOutcome,
  ) {
    return nextState(shapesOf(definition), state, action, outcome, this.settings.maxAttempts);
  }

  private delayMs(retrying: boolean, attempts: number): number {
    if (!retrying) return this.settings.leaseMs;
    return retryDelayMs(attempts, this.settings.retryInitialMs, this.settings.retryMaxMs);
  }

  private reportStuck(saga: SagaInstanceEntity): void {
    this.logger.error(
      {
        saga_id: saga.id,
        order_id: saga.orderId,
        step: saga.step,
        attempts: saga.attempts,
        last_error: saga.lastError,
      },
      'saga STUCK: retries exhausted, a person must act',
    );
  }
}
