import { Inject, Injectable, Logger } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { MetricsRegistry } from '#platform';
import { SagaReader, UNFINISHED_STATUSES, type StatusCount } from '#saga';
import { CONSOLE_SETTINGS, type ConsoleSettings } from '../console.settings.js';

/** Both gauges of one scrape share one query. */
const SNAPSHOT_MS = 1_000;

/**
 * Gauges read from the database at scrape time, so every replica reports the same numbers
 * (alert rules take the max across replicas): unfinished sagas by status, and those overdue.
 * Plus a counter of what operators did by hand.
 */
@Injectable()
export class SagaConsoleMetrics {
  private readonly logger = new Logger(SagaConsoleMetrics.name);
  private readonly actions: Counter<'action' | 'type'>;
  private snapshot?: { at: number; counts: Promise<StatusCount[]> };

  constructor(
    registry: MetricsRegistry,
    private readonly sagas: SagaReader,
    @Inject(CONSOLE_SETTINGS) private readonly settings: ConsoleSettings,
  ) {
    this.gauge(registry, 'saga_unfinished', 'Sagas not yet terminal, by status', 'total');
    this.gauge(
      registry,
      'saga_overdue',
      'Unfinished sagas started longer ago than SAGA_OVERDUE_AFTER_MS, by status',
      'overdue',
    );
    new Gauge({
      name: 'saga_overdue_threshold_seconds',
      help: 'Age after which an unfinished saga counts as overdue (SAGA_OVERDUE_AFTER_MS)',
      registers: [registry],
    }).set(settings.overdueAfterMs / 1000);
    this.actions = new Counter({
      name: 'saga_operator_actions_total',
      help: 'Actions taken by hand on STUCK sagas through the saga console',
      labelNames: ['action', 'type'],
      registers: [registry],
    });
  }

  operatorAction(action: 'retry-now' | 'resolved', type: string): void {
    this.actions.inc({ action, type });
  }

  private gauge(registry: MetricsRegistry, name: string, help: string, field: 'total' | 'overdue') {
    const counts = () => this.counts();
    const logger = this.logger;
    new Gauge({
      name,
      help,
      labelNames: ['status'],
      registers: [registry],
      async collect() {
        try {
          const rows = await counts();
          for (const status of UNFINISHED_STATUSES) {
            const row = rows.find((candidate) => candidate.status === status);
            this.set({ status }, row?.[field] ?? 0);
          }
        } catch (error) {
          // Keep the last values: a scrape must not fail because one query did.
          logger.warn({ err: error, metric: name }, 'saga gauge not refreshed');
        }
      },
    });
  }

  private counts(): Promise<StatusCount[]> {
    const now = Date.now();
    if (!this.snapshot || now - this.snapshot.at > SNAPSHOT_MS) {
      const overdueBefore = new Date(now - this.settings.overdueAfterMs);
      this.snapshot = { at: now, counts: this.sagas.counts(overdueBefore) };
    }
    return this.snapshot.counts;
  }
}
