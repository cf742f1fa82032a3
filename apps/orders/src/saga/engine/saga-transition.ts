import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SagaStore } from '../persistence/saga.store.js';
import { retryDelayMs } from './saga-backoff.js';
import { shapesOf, type SagaDefinition } from './saga-definition.js';
import { SAGA_SETTINGS, type SagaSettings } from './saga-settings.js';
import { isTerminal, type SagaStatus, type StepOutcome } from './saga-state.js';
import { stateOf } from './saga-state.mapper.js';
import type { StepRun } from './saga-step.runner.js';
import { nextState } from './saga-transitions.js';

export interface Applied {
  /** The engine should go on with the next action right away. */
  continue: boolean;
  status?: SagaStatus;
  /** Set when the saga reached a terminal state or got stuck in this transition. */
  ended?: { type: string; status: SagaStatus; createdAt: Date; at: Date };
}

/**
 * Persists one step's result inside the caller's transaction: the timeline row, the saga's new
 * state and lease, a local step's own writes and, at the end, the order's final status.
 */
@Injectable()
export class SagaTransition {
  private readonly logger = new Logger('Saga');

  constructor(
    private readonly store: SagaStore,
    @Inject(SAGA_SETTINGS) private readonly settings: SagaSettings,
  ) {}

  async apply(
    manager: EntityManager,
    definition: SagaDefinition,
    sagaId: string,
    owner: string,
    run: StepRun,
  ): Promise<Applied> {
    const saga = await this.store.lockOwned(manager, sagaId, owner);
    if (!saga) return { continue: false }; // the lease expired and another engine took over
    // Someone else (a recovery pass after a lease expiry) already moved this saga on: re-read.
    if (saga.version !== run.version) return { continue: true };
    let { outcome, error } = run;
    if (run.local) {
      const result = await run.local(manager);
      outcome = result.outcome;
      error = result.outcome === 'rejected' ? result.reason : '';
    }
    const before = stateOf(definition, saga);
    const next = nextState(
      shapesOf(definition),
      before,
      run.action,
      outcome,
      this.settings.maxAttempts,
    );
    const retrying = next.status === before.status && next.attempts > before.attempts;
    const now = new Date();
    await this.store.appendStep(manager, {
      sagaId,
      step: definition.steps[run.index]!.name,
      action: run.action,
      outcome: timelineOutcome(outcome, retrying),
      attempt: before.attempts + 1,
      error: error.slice(0, 2000),
      startedAt: run.startedAt,
      finishedAt: run.local ? now : run.finishedAt,
      traceId: run.traceId,
    });
    const ended = isTerminal(next.status) || next.status === 'STUCK';
    Object.assign(saga, {
      status: next.status,
      step: definition.steps[next.stepIndex]!.name,
      attempts: next.attempts,
      ending: next.ending,
      lastError: error ? error.slice(0, 2000) : saga.lastError,
      updatedAt: now,
      owner: retrying || ended ? null : owner,
      nextAttemptAt: new Date(now.getTime() + this.delayMs(retrying, next.attempts)),
      finishedAt: isTerminal(next.status) ? now : null,
    });
    if (isTerminal(next.status)) {
      await definition.finish(manager, {
        orderId: saga.orderId,
        ending: next.ending!,
        reason: saga.lastError,
      });
    }
    await this.store.save(manager, saga);
    if (next.status === 'STUCK') {
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
    const endedInfo = ended
      ? { type: saga.type, status: next.status, createdAt: saga.createdAt, at: now }
      : undefined;
    return { continue: !retrying && !ended, status: next.status, ended: endedInfo };
  }

  private delayMs(retrying: boolean, attempts: number): number {
    if (!retrying) return this.settings.leaseMs;
    return retryDelayMs(attempts, this.settings.retryInitialMs, this.settings.retryMaxMs);
  }
}

function timelineOutcome(outcome: StepOutcome, retrying: boolean): string {
  if (outcome === 'succeeded') return 'succeeded';
  if (retrying) return 'retrying';
  return outcome === 'unknown' ? 'unknown' : 'failed';
}
