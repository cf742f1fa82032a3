import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import type { DataSource } from 'typeorm';
import type { SagaInstanceEntity } from '../persistence/saga-instance.entity.js';
import {
  StepOutcomeUnknownError,
  type SagaDefinition,
  type StepContext,
} from './saga-definition.js';
import { pendingAction } from './saga-transitions.js';
import type { StepAction, StepOutcome } from './saga-state.js';
import { stateOf } from './saga-state.mapper.js';

export interface StepRun {
  index: number;
  action: StepAction;
  outcome: StepOutcome;
  error: string;
  startedAt: Date;
  finishedAt: Date;
  traceId: string;
  /** A local step: the transition runs it inside the transaction that records it. */
  local?: boolean;
}

const tracer = trace.getTracer('orders-saga');

/** Performs a saga's pending action (a step or its compensation) and reports how it went. */
@Injectable()
export class SagaStepRunner {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * `resumed`: an earlier execution of this step may have taken effect unrecorded (its engine
   * died, or its transition did not commit), so a failure now does not prove nothing was done.
   */
  async run(
    definition: SagaDefinition,
    saga: SagaInstanceEntity,
    credentials?: string,
    resumed = false,
  ): Promise<StepRun | undefined> {
    const state = stateOf(definition, saga);
    const action = pendingAction(state);
    if (!action) return undefined;
    const step = definition.steps[state.stepIndex]!;
    const ctx: StepContext = {
      sagaId: saga.id,
      orderId: saga.orderId,
      attempt: saga.attempts + 1,
      payload: saga.payload,
      credentials,
      manager: this.dataSource.manager,
      at: new Date(),
    };
    const startedAt = ctx.at;
    const base = {
      index: state.stepIndex,
      action,
      error: '',
      startedAt,
      traceId: '',
    };
    if (action === 'execute' && step.local) {
      return { ...base, outcome: 'succeeded', finishedAt: startedAt, local: true };
    }
    const attributes = {
      'saga.id': saga.id,
      'saga.type': saga.type,
      'saga.step': step.name,
      'order.id': saga.orderId,
    };
    return tracer.startActiveSpan(
      `saga ${action} ${step.name}`,
      { attributes },
      async (span): Promise<StepRun> => {
        const traceId = span.spanContext().traceId;
        try {
          if (action === 'compensate') {
            await step.compensate!(ctx);
            return { ...base, traceId, outcome: 'succeeded', finishedAt: new Date() };
          }
          const result = await step.execute(ctx);
          const error = result.outcome === 'rejected' ? result.reason : '';
          return { ...base, traceId, outcome: result.outcome, error, finishedAt: new Date() };
        } catch (error) {
          span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
          const message = error instanceof Error ? error.message : String(error);
          const finished = { ...base, traceId, finishedAt: new Date() };
          if (error instanceof StepOutcomeUnknownError) {
            return { ...finished, outcome: 'unknown', error: message };
          }
          // This attempt surely did nothing, but an unrecorded earlier one may have.
          if (resumed && action === 'execute') {
            const why = `${message} (resumed: an earlier, unrecorded execution may have taken effect)`;
            return { ...finished, outcome: 'unknown', error: why };
          }
          return { ...finished, outcome: 'failed', error: message };
        } finally {
          span.end();
        }
      },
    );
  }
}
