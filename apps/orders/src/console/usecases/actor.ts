import { isSpanContextValid, trace } from '@opentelemetry/api';
import type { Caller } from '#identity';
import type { SagaInstanceEntity } from '../../saga/persistence/saga-instance.entity.js';
import type { SagaStepEntity } from '../../saga/persistence/saga-step.entity.js';
import { SagaNotFoundError, SagaNotStuckError } from '../domain/saga-console.errors.js';

export type OperatorOutcome = 'retry-now' | 'resolved';

/** The locked saga, if it exists and is STUCK: operators act only where the engine gave up. */
export function requireStuck(
  saga: SagaInstanceEntity | null,
  sagaId: string,
  action: string,
): SagaInstanceEntity {
  if (!saga) throw new SagaNotFoundError(sagaId);
  if (saga.status !== 'STUCK') throw new SagaNotStuckError(sagaId, saga.status, action);
  return saga;
}

/** The timeline row of an operator's action: who, when, why, under the request's trace. */
export function operatorStep(
  saga: SagaInstanceEntity,
  outcome: OperatorOutcome,
  caller: Caller,
  note: string,
  at: Date,
): Omit<SagaStepEntity, 'seq'> {
  return {
    sagaId: saga.id,
    step: saga.step,
    action: 'operator',
    outcome,
    attempt: saga.attempts,
    error: '',
    startedAt: at,
    finishedAt: at,
    traceId: currentTraceId(),
    actor: actorOf(caller),
    note: note.slice(0, 1000) || null,
  };
}

/** Who acted, as records name them: the username when the token carries one, else the subject. */
export function actorOf(caller: Caller): string {
  return (caller.username ?? caller.subject).slice(0, 64);
}

function currentTraceId(): string {
  const context = trace.getActiveSpan()?.spanContext();
  return context && isSpanContextValid(context) ? context.traceId : '';
}
