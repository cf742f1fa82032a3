import { Injectable } from '@nestjs/common';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import type { AnySagaDefinition, LocalStepContext } from '../definition/saga-definition.js';
import { StepNotAttemptedError } from '../errors/step-not-attempted.error.js';
import { StepOutcomeUnknownError } from '../errors/step-outcome-unknown.error.js';
import type { SagaRecord } from '../store/saga-record.js';
import type { StepAction, StepOutcome } from './saga-state.js';

/** How one try of a step's action went. */
export interface StepRun {
  index: number;
  action: StepAction;
  outcome: StepOutcome;
  error: string;
  startedAt: Date;
  finishedAt: Date;
  traceId: string;
  /** A target that refused the try asked not to be tried again sooner than this. */
  retryAfterMs: number;
}

export interface RunOptions {
  payload: unknown;
  credentials?: string;
  /** The transaction a local step writes through; remote steps get none. */
  tx?: unknown;
  /** The try may repeat one whose outcome went unrecorded (its engine died): see below. */
  resumed: boolean;
  /** When the try runs: a local step's writes carry its transition's time. Default: now. */
  at?: Date;
}

const tracer = trace.getTracer('saga');

/** Runs one step's action, local or remote, in a span, and reports how it went. */
@Injectable()
export class StepExecutor {
  async run(
    definition: AnySagaDefinition,
    saga: SagaRecord,
    index: number,
    action: StepAction,
    options: RunOptions,
  ): Promise<StepRun> {
    const step = definition.steps[index]!;
    // Remote steps ignore `tx`; one context shape serves both kinds.
    const ctx: LocalStepContext<unknown, unknown> = {
      sagaId: saga.id,
      correlationId: saga.correlationId,
      attempt: saga.attempts + 1,
      payload: options.payload,
      credentials: options.credentials,
      at: options.at ?? new Date(),
      tx: options.tx,
    };
    const attributes = {
      'saga.id': saga.id,
      'saga.type': saga.type,
      'saga.version': saga.version,
      'saga.step': step.name,
      'saga.correlation_id': saga.correlationId,
    };
    const base = { index, action, startedAt: ctx.at, error: '', retryAfterMs: 0 };
    return tracer.startActiveSpan(
      `saga ${action} ${step.name}`,
      { attributes },
      async (span): Promise<StepRun> => {
        const traceId = span.spanContext().traceId;
        try {
          if (action === 'compensate') {
            // The state machine only compensates steps that have a compensation.
            await step.compensate!(ctx);
            return { ...base, traceId, outcome: 'succeeded', finishedAt: new Date() };
          }
          const result = await step.execute(ctx);
          const error = result.outcome === 'rejected' ? result.reason : '';
          return { ...base, traceId, outcome: result.outcome, error, finishedAt: new Date() };
        } catch (error) {
          span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
          const resumed = options.resumed && action === 'execute' && !step.local;
          const failed = { ...base, traceId, finishedAt: new Date() };
          return { ...failed, ...classify(error, resumed) };
        } finally {
          span.end();
        }
      },
    );
  }
}

type Failure = Pick<StepRun, 'outcome' | 'error' | 'retryAfterMs'>;

function classify(error: unknown, resumed: boolean): Failure {
  const message = messageOf(error);
  // This try did nothing (or may have), but an earlier, unrecorded one may have done it all.
  if (resumed) {
    const why = `${message} (resumed: an earlier, unrecorded execution may have taken effect)`;
    return { outcome: 'unknown', error: why, retryAfterMs: 0 };
  }
  if (error instanceof StepNotAttemptedError) {
    return { outcome: 'not-attempted', error: message, retryAfterMs: error.retryAfterMs };
  }
  if (error instanceof StepOutcomeUnknownError) {
    return { outcome: 'unknown', error: message, retryAfterMs: 0 };
  }
  return { outcome: 'failed', error: message, retryAfterMs: 0 };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
