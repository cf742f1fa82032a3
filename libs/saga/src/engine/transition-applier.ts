import { Inject, Injectable } from '@nestjs/common';
import type { AnySagaDefinition } from '../definition/saga-definition.js';
import { DeferredWriteFailedError } from '../errors/deferred-write-failed.error.js';
import { LeaseLostError } from '../errors/lease-lost.error.js';
import { SAGA_OPTIONS, type SagaModuleOptions } from '../saga-module-options.js';
import type { SagaRecord } from '../store/saga-record.js';
import { SAGA_STORE, type SagaStore } from '../store/saga-store.port.js';
import { ShutdownGate } from './shutdown-gate.js';
import { StepExecutor, type StepRun } from './step-executor.js';
import { TransitionBuilder } from './transition-builder.js';

export interface TransitionInput {
  definition: AnySagaDefinition;
  saga: SagaRecord;
  owner: string;
  payload: unknown;
  credentials?: string;
  /** A remote step's run to record; undefined when the saga stands at a local step. */
  first?: StepRun;
}

export interface Applied {
  saga: SagaRecord;
  /** Go on with the next action at once. */
  continues: boolean;
  /** Set when the saga ended (terminal or STUCK) in this transition. */
  ended?: SagaRecord['status'];
}

/** A local step failed: its writes must not commit, so the transaction is tried again without it. */
class LocalStepFailed extends Error {
  constructor(readonly run: StepRun) {
    super(run.error);
  }
}

class EndFailed extends Error {}

/** What the failed tries of one transition taught the next. */
interface Learned {
  /** Local steps that failed, recorded as such instead of run again. */
  failedLocals: Map<string, StepRun>;
  /** Set when onEnd failed: the saga is then written STUCK. */
  endFailure?: string;
  deferWrites: boolean;
}

const key = (run: Pick<StepRun, 'index' | 'action'>) => `${run.index}:${run.action}`;

/**
 * Records a step's run and runs the local steps that follow it in the same transaction, so a
 * remote step's result, the local writes after it and the saga's progress commit once. A
 * transition with nothing local to do is one statement.
 */
@Injectable()
export class TransitionApplier {
  constructor(
    @Inject(SAGA_STORE) private readonly store: SagaStore,
    private readonly executor: StepExecutor,
    private readonly gate: ShutdownGate,
    @Inject(SAGA_OPTIONS) private readonly options: SagaModuleOptions,
  ) {}

  async apply(input: TransitionInput): Promise<Applied> {
    // Local steps' writes first go out without waiting for answers, with the transition and
    // COMMIT: one round trip. If one fails, no step saw it, so the transaction runs again with
    // every write awaited, where the failure is its step's own, as if the step had thrown.
    const learned: Learned = { failedLocals: new Map(), deferWrites: true };
    for (;;) {
      try {
        return await this.attempt(input, learned);
      } catch (error) {
        if (error instanceof LocalStepFailed) learned.failedLocals.set(key(error.run), error.run);
        else if (error instanceof EndFailed)
          learned.endFailure = `ending the saga failed: ${error.message}`;
        else if (error instanceof DeferredWriteFailedError && learned.deferWrites)
          learned.deferWrites = false;
        else throw error;
      }
    }
  }

  /** Writes the saga STUCK as it stands, for a person to look at. */
  async giveUp(input: Omit<TransitionInput, 'first'>, reason: string): Promise<Applied> {
    const transition = this.builder(input);
    transition.giveUp(reason);
    return this.write(transition, input);
  }

  private async attempt(
    input: TransitionInput,
    { failedLocals, endFailure, deferWrites }: Learned,
  ): Promise<Applied> {
    const transition = this.builder(input);
    if (input.first) transition.record(input.first);
    const ends = () => transition.terminal && input.definition.onEnd !== undefined;
    if (!transition.pendingLocal() && !ends()) return this.write(transition, input);
    return this.store.transaction(
      async (tx) => {
        for (let next = this.nextLocal(transition); next; next = this.nextLocal(transition)) {
          const known = failedLocals.get(key(next));
          const run =
            known ??
            (await this.executor.run(input.definition, input.saga, next.index, next.action, {
              payload: input.payload,
              credentials: input.credentials,
              tx,
              resumed: false,
              at: transition.now,
            }));
          if (!known && run.outcome !== 'succeeded' && run.outcome !== 'rejected') {
            throw new LocalStepFailed(run);
          }
          transition.record(run);
        }
        if (endFailure) transition.giveUp(endFailure);
        else if (ends()) await this.end(input, transition, tx);
        return this.write(transition, input, tx);
      },
      { deferWrites },
    );
  }

  /**
   * Past the shutdown drain no local step starts: the remote step's result is still written, the
   * saga standing at the local step for whoever takes it over.
   */
  private nextLocal(transition: TransitionBuilder) {
    return this.gate.closed ? undefined : transition.pendingLocal();
  }

  private async end(input: TransitionInput, transition: TransitionBuilder, tx: unknown) {
    try {
      await input.definition.onEnd!({
        tx,
        sagaId: input.saga.id,
        correlationId: input.saga.correlationId,
        payload: input.payload,
        ending: transition.state.ending!,
        reason: transition.reason,
        at: transition.now,
      });
    } catch (error) {
      throw new EndFailed(error instanceof Error ? error.message : String(error));
    }
  }

  private builder(input: Omit<TransitionInput, 'first'>): TransitionBuilder {
    const { maxAttempts, afterMs } = this.options.giveUp;
    return new TransitionBuilder(
      input.definition,
      input.saga,
      { maxAttempts, giveUpAfterMs: afterMs },
      new Date(),
    );
  }

  private async write(transition: TransitionBuilder, input: TransitionInput, tx?: unknown) {
    const saga = transition.written(input.owner, this.options);
    const held = { owner: input.owner, revision: input.saga.revision };
    // Lost the lease (or an operator acted): throwing also rolls back any local step's writes.
    if (!(await this.store.advance(saga, held, transition.rows, tx))) {
      throw new LeaseLostError(input.saga.id);
    }
    const ended = transition.ended ? saga.status : undefined;
    return { saga, continues: transition.continues, ended };
  }
}
