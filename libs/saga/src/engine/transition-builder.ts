import type { AnySagaDefinition } from '../definition/saga-definition.js';
import { shapesOf } from '../definition/saga-registry.js';
import { InvalidSagaError } from '../errors/invalid-saga.error.js';
import type { SagaRecord, TimelineEntry } from '../store/saga-record.js';
import { retryDelayMs } from './retry-delay.js';
import { isTerminal, type SagaState, type StepAction } from './saga-state.js';
import { nextState, type GiveUpPolicy } from './saga-transitions.js';
import type { StepRun } from './step-executor.js';

export interface Timing {
  leaseMs: number;
  retry: { initialMs: number; maxMs: number };
}

/** The state machine's view of a stored saga. */
export function stateOf(definition: AnySagaDefinition, saga: SagaRecord): SagaState {
  const stepIndex = definition.steps.findIndex((step) => step.name === saga.step);
  if (stepIndex < 0) {
    throw new InvalidSagaError(
      `saga ${saga.id}: no step ${saga.step} in ${saga.type} v${saga.version}`,
    );
  }
  const { status, attempts, ending, failingSince } = saga;
  return { status, stepIndex, attempts, ending, failingSince };
}

/**
 * One transition of a saga, built up step run by step run (a remote step's result, then the
 * local steps that follow it) and then written at once: the new saga row and its timeline rows.
 */
export class TransitionBuilder {
  state: SagaState;
  readonly rows: TimelineEntry[] = [];
  private lastError: string;
  private retrying = false;
  private retryAfterMs = 0;

  constructor(
    private readonly definition: AnySagaDefinition,
    private readonly saga: SagaRecord,
    private readonly policy: GiveUpPolicy,
    readonly now: Date,
  ) {
    this.state = stateOf(definition, saga);
    this.lastError = saga.lastError;
  }

  record(run: StepRun): void {
    const before = this.state;
    const shapes = shapesOf(this.definition);
    const { next, retrying } = nextState(
      shapes,
      before,
      run.action,
      run.outcome,
      this.policy,
      this.now,
    );
    const label =
      run.outcome === 'succeeded'
        ? 'succeeded'
        : retrying
          ? 'retrying'
          : run.outcome === 'unknown'
            ? 'unknown'
            : 'failed';
    this.rows.push({
      sagaId: this.saga.id,
      step: this.definition.steps[run.index]!.name,
      action: run.action,
      outcome: label,
      attempt: before.attempts + 1,
      error: run.error,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      traceId: run.traceId,
      actor: null,
      note: null,
    });
    this.lastError = run.error || this.lastError;
    this.state = next;
    this.retrying = retrying;
    this.retryAfterMs = run.retryAfterMs;
  }

  /** The saga cannot go on without a person (its end failed, its payload is unreadable). */
  giveUp(reason: string): void {
    this.state = { ...this.state, status: 'STUCK' };
    this.lastError = reason;
    this.retrying = false;
  }

  /** The local step the saga now stands at, unless it waits for a retry or has ended. */
  pendingLocal(): { index: number; action: StepAction } | undefined {
    const { status, stepIndex } = this.state;
    if (this.retrying || !this.definition.steps[stepIndex]!.local) return undefined;
    if (status === 'RUNNING') return { index: stepIndex, action: 'execute' };
    if (status === 'COMPENSATING') return { index: stepIndex, action: 'compensate' };
    return undefined;
  }

  get terminal(): boolean {
    return isTerminal(this.state.status);
  }

  get ended(): boolean {
    return this.terminal || this.state.status === 'STUCK';
  }

  /** The engine goes on with the next action at once (no retry to wait for, not ended). */
  get continues(): boolean {
    return !this.retrying && !this.ended;
  }

  get reason(): string {
    return this.lastError;
  }

  /** The saga row as this transition leaves it. A retry or an end hands the lease back. */
  written(owner: string, timing: Timing): SagaRecord {
    const { state, now } = this;
    const release = this.retrying || this.ended;
    const delay = this.retrying
      ? retryDelayMs(Math.max(state.attempts, 1), timing.retry, this.retryAfterMs)
      : timing.leaseMs;
    return {
      ...this.saga,
      status: state.status,
      step: this.definition.steps[state.stepIndex]!.name,
      attempts: state.attempts,
      ending: state.ending,
      failingSince: state.failingSince,
      lastError: this.lastError,
      owner: release ? null : owner,
      nextAttemptAt: new Date(now.getTime() + delay),
      updatedAt: now,
      finishedAt: this.terminal ? now : null,
      revision: this.saga.revision + 1,
    };
  }
}
