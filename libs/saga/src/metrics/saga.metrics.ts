import { Inject, Injectable } from '@nestjs/common';
import { Counter, Histogram, type Registry } from 'prom-client';
import { SAGA_OPTIONS, type SagaModuleOptions } from '../saga-module-options.js';
import type { SagaStatus } from '../engine/saga-state.js';

type Ended = 'COMPLETED' | 'REJECTED' | 'COMPENSATED' | 'STUCK';

/** Saga counters and duration by saga type, on the app's registry (none when it gives none). */
@Injectable()
export class SagaMetrics {
  private readonly started?: Counter<'type'>;
  private readonly ended?: Record<Ended, Counter<'type'>>;
  private readonly duration?: Histogram<'type' | 'status'>;

  constructor(@Inject(SAGA_OPTIONS) options: SagaModuleOptions) {
    const registry = options.metrics;
    if (!registry) return;
    const counter = (name: string, help: string) =>
      new Counter({ name, help, labelNames: ['type'], registers: [registry] });
    this.started = counter('saga_started_total', 'Sagas started');
    this.ended = {
      COMPLETED: counter('saga_completed_total', 'Sagas that completed every step'),
      REJECTED: counter('saga_rejected_total', 'Sagas ended by a business refusal'),
      COMPENSATED: counter('saga_compensated_total', 'Sagas undone by compensation'),
      STUCK: counter('saga_stuck_total', 'Sagas given up on by the engine (need a person)'),
    };
    this.duration = histogram(registry);
  }

  /** Every series exists from the start, so alerts see 0, not "no data", until the first one. */
  declareTypes(types: readonly string[]): void {
    for (const type of types) {
      for (const counter of [this.started, ...Object.values(this.ended ?? {})]) {
        counter?.inc({ type }, 0);
      }
    }
  }

  sagaStarted(type: string): void {
    this.started?.inc({ type });
  }

  sagaEnded(type: string, status: SagaStatus, startedAt: Date, endedAt: Date): void {
    if (status === 'RUNNING' || status === 'COMPENSATING') return;
    this.ended?.[status].inc({ type });
    if (status !== 'STUCK') {
      this.duration?.observe({ type, status }, (endedAt.getTime() - startedAt.getTime()) / 1000);
    }
  }
}

function histogram(registry: Registry): Histogram<'type' | 'status'> {
  return new Histogram({
    name: 'saga_duration_seconds',
    help: 'Time from saga start to its terminal state',
    labelNames: ['type', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [registry],
  });
}
