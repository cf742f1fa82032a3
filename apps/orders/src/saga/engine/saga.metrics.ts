import { Inject, Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { MetricsRegistry } from '#platform';
import { SAGA_DEFINITIONS, type SagaDefinition } from './saga-definition.js';
import type { SagaStatus } from './saga-state.js';

const counter = (registry: MetricsRegistry, name: string, help: string) =>
  new Counter({ name, help, labelNames: ['type'], registers: [registry] });

/** Saga counters and duration, by saga type. */
@Injectable()
export class SagaMetrics {
  private readonly started: Counter<'type'>;
  private readonly ended: Record<
    'COMPLETED' | 'REJECTED' | 'COMPENSATED' | 'STUCK',
    Counter<'type'>
  >;
  private readonly duration: Histogram<'type' | 'status'>;

  constructor(
    registry: MetricsRegistry,
    @Inject(SAGA_DEFINITIONS) definitions: readonly SagaDefinition[],
  ) {
    this.started = counter(registry, 'saga_started_total', 'Sagas started');
    this.ended = {
      COMPLETED: counter(registry, 'saga_completed_total', 'Sagas that completed every step'),
      REJECTED: counter(registry, 'saga_rejected_total', 'Sagas ended by a business refusal'),
      COMPENSATED: counter(registry, 'saga_compensated_total', 'Sagas undone by compensation'),
      STUCK: counter(registry, 'saga_stuck_total', 'Sagas whose retries ran out (need a person)'),
    };
    this.duration = new Histogram({
      name: 'saga_duration_seconds',
      help: 'Time from saga start to its terminal state',
      labelNames: ['type', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers: [registry],
    });
    // Every series exists from the start, so alerts on stuck or compensated sagas see 0, not
    // "no data", until the first one.
    for (const { type } of definitions) {
      for (const counter of [this.started, ...Object.values(this.ended)]) counter.inc({ type }, 0);
    }
  }

  sagaStarted(type: string): void {
    this.started.inc({ type });
  }

  sagaEnded(type: string, status: SagaStatus, startedAt: Date, endedAt: Date): void {
    if (status === 'RUNNING' || status === 'COMPENSATING') return;
    this.ended[status].inc({ type });
    if (status !== 'STUCK') {
      this.duration.observe({ type, status }, (endedAt.getTime() - startedAt.getTime()) / 1000);
    }
  }
}
