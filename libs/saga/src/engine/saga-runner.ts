import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { parsePayload } from '../definition/payload-schema.js';
import { SagaRegistry } from '../definition/saga-registry.js';
import { LeaseLostError } from '../errors/lease-lost.error.js';
import { SagaMetrics } from '../metrics/saga.metrics.js';
import { SAGA_OPTIONS, type SagaModuleOptions } from '../saga-module-options.js';
import type { SagaRecord } from '../store/saga-record.js';
import { SAGA_STORE, type SagaStore } from '../store/saga-store.port.js';
import { whileLeased } from './lease-keeper.js';
import { ShutdownGate } from './shutdown-gate.js';
import { StepExecutor } from './step-executor.js';
import { TransitionApplier, type Applied } from './transition-applier.js';
import { stateOf } from './transition-builder.js';

export interface RunRequest {
  credentials?: string;
  /** Taken over from another engine: the pending step may have run once unrecorded. */
  resumed: boolean;
}

/**
 * Drives one saga this engine holds: runs its pending action, persists the transition, and goes
 * on until it ends, waits for a retry, or another engine takes it over.
 */
@Injectable()
export class SagaRunner {
  /** This engine's name on the leases it holds. */
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly logger = new Logger('Saga');

  constructor(
    private readonly registry: SagaRegistry,
    private readonly executor: StepExecutor,
    private readonly applier: TransitionApplier,
    private readonly metrics: SagaMetrics,
    private readonly gate: ShutdownGate,
    @Inject(SAGA_STORE) private readonly store: SagaStore,
    @Inject(SAGA_OPTIONS) private readonly options: SagaModuleOptions,
  ) {}

  /** The saga as this engine last wrote it, or undefined when another engine holds it now. */
  async run(saga: SagaRecord, request: RunRequest): Promise<SagaRecord | undefined> {
    const definition = this.registry.get(saga.type, saga.version);
    const base = { definition, owner: this.owner, credentials: request.credentials };
    try {
      const parsed = await parsePayload(definition.payload, saga.payload);
      if (!parsed.ok) {
        const why = `payload does not match ${saga.type} v${saga.version}: ${parsed.problems}`;
        const applied = await this.applier.giveUp({ ...base, saga, payload: saga.payload }, why);
        return this.after(applied).saga;
      }
      let current = saga;
      for (let resumed = request.resumed; ; resumed = false) {
        const state = stateOf(definition, current);
        const action = actionOf(state.status);
        // Past the shutdown drain the saga stays as it is, for the hand-back.
        if (!action || this.gate.closed) return current;
        const step = definition.steps[state.stepIndex]!;
        const payload = parsed.value;
        const saga = current;
        const applied = await whileLeased(this.store, saga, this.options.leaseMs, async () => {
          const first = step.local
            ? undefined
            : await this.executor.run(definition, saga, state.stepIndex, action, {
                payload,
                credentials: request.credentials,
                resumed,
              });
          return this.after(await this.applier.apply({ ...base, saga, payload, first }));
        });
        if (!applied.continues) return applied.saga;
        current = applied.saga;
      }
    } catch (error) {
      if (!(error instanceof LeaseLostError)) throw error;
      this.logger.warn({ saga_id: saga.id }, 'saga taken over by another engine or an operator');
      return undefined;
    }
  }

  private after(applied: Applied): Applied {
    const { saga, ended } = applied;
    if (!ended) return applied;
    this.metrics.sagaEnded(saga.type, ended, saga.createdAt, saga.updatedAt);
    if (ended === 'STUCK') {
      this.logger.error(
        {
          saga_id: saga.id,
          correlation_id: saga.correlationId,
          step: saga.step,
          attempts: saga.attempts,
          last_error: saga.lastError,
        },
        'saga STUCK: the engine gave up, a person must act',
      );
    }
    return applied;
  }
}

function actionOf(status: SagaRecord['status']) {
  if (status === 'RUNNING') return 'execute' as const;
  if (status === 'COMPENSATING') return 'compensate' as const;
  return undefined;
}
