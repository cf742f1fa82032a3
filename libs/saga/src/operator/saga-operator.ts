import { Inject, Injectable } from '@nestjs/common';
import { isSpanContextValid, trace } from '@opentelemetry/api';
import { parsePayload } from '../definition/payload-schema.js';
import type { SagaEnding } from '../definition/saga-definition.js';
import { SagaRegistry } from '../definition/saga-registry.js';
import type { SagaStatus } from '../engine/saga-state.js';
import { SagaNotFoundError } from '../errors/saga-not-found.error.js';
import { SagaNotStuckError } from '../errors/saga-not-stuck.error.js';
import type { SagaRecord, TimelineEntry } from '../store/saga-record.js';
import { SAGA_STORE, type SagaStore } from '../store/saga-store.port.js';
import { toSagaView, type SagaView } from '../views/saga-view.js';

export type OperatorAction = 'retry-now' | 'resolved';

/**
 * What a person can do with a saga the engine gave up on (STUCK), each recorded in its timeline
 * with who, when and why, under the row lock so an engine's stale write cannot undo it.
 */
@Injectable()
export class SagaOperator {
  constructor(
    @Inject(SAGA_STORE) private readonly store: SagaStore,
    private readonly registry: SagaRegistry,
  ) {}

  /**
   * "Retry now": queues the saga for the recovery worker with a fresh set of tries at the
   * action it gave up on. Queued, not run here: a bulk retry runs at the worker's pace.
   */
  retry(sagaId: string, actor: string, note: string): Promise<SagaView> {
    return this.act(sagaId, 'retry-now', actor, note, async (saga, now) => ({
      ...saga,
      // Compensating when it had an ending in view, else its forward step.
      status: saga.ending === null ? 'RUNNING' : 'COMPENSATING',
      attempts: 0,
      failingSince: null,
      owner: null,
      nextAttemptAt: now,
      updatedAt: now,
      finishedAt: null,
    }));
  }

  /**
   * "Resolve by hand": the person vouches that what the engine could not do was done outside it.
   * The saga ends as it was heading to end (forward: completed), its `onEnd` runs with the note.
   */
  resolve(sagaId: string, actor: string, note: string): Promise<SagaView> {
    return this.act(sagaId, 'resolved', actor, note, async (saga, now, tx) => {
      const ending = saga.ending ?? 'completed';
      const definition = this.registry.get(saga.type, saga.version);
      const parsed = await parsePayload(definition.payload, saga.payload);
      await definition.onEnd?.({
        tx,
        sagaId: saga.id,
        correlationId: saga.correlationId,
        payload: parsed.ok ? parsed.value : saga.payload,
        ending,
        reason: `resolved by hand: ${note}`,
        at: now,
      });
      const status = statusOf(ending);
      return { ...saga, status, ending, owner: null, updatedAt: now, finishedAt: now };
    });
  }

  private async act(
    sagaId: string,
    action: OperatorAction,
    actor: string,
    note: string,
    change: (saga: SagaRecord, now: Date, tx: unknown) => Promise<SagaRecord>,
  ): Promise<SagaView> {
    const saga = await this.store.transaction(async (tx) => {
      const locked = await this.store.lock(tx, sagaId);
      if (!locked) throw new SagaNotFoundError(sagaId);
      if (locked.status !== 'STUCK') {
        throw new SagaNotStuckError(
          sagaId,
          locked.status,
          action === 'resolved' ? 'resolved' : 'retried',
        );
      }
      const now = new Date();
      await this.store.append(tx, operatorRow(locked, action, actor, note, now));
      return this.store.overwrite(tx, await change(locked, now, tx));
    });
    return toSagaView(saga);
  }
}

function statusOf(ending: SagaEnding): SagaStatus {
  if (ending === 'completed') return 'COMPLETED';
  return ending === 'rejected' ? 'REJECTED' : 'COMPENSATED';
}

function operatorRow(
  saga: SagaRecord,
  outcome: OperatorAction,
  actor: string,
  note: string,
  at: Date,
): TimelineEntry {
  const span = trace.getActiveSpan()?.spanContext();
  return {
    sagaId: saga.id,
    step: saga.step,
    action: 'operator',
    outcome,
    attempt: saga.attempts,
    error: '',
    startedAt: at,
    finishedAt: at,
    traceId: span && isSpanContextValid(span) ? span.traceId : '',
    actor: actor.slice(0, 64),
    note: note.slice(0, 1000) || null,
  };
}
