import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { MetricsRegistry } from '#platform';

export type PaymentOutcome = 'captured' | 'declined' | 'refunded' | 'voided';
const OUTCOMES: PaymentOutcome[] = ['captured', 'declined', 'refunded', 'voided'];

/** Ledger state changes, counted once each: a replayed request changes nothing and counts nothing. */
@Injectable()
export class PaymentsMetrics {
  private readonly outcomes: Counter<'outcome'>;

  constructor(registry: MetricsRegistry) {
    this.outcomes = new Counter({
      name: 'payments_total',
      help: 'Payment ledger state changes by outcome (captured, declined, refunded, voided)',
      labelNames: ['outcome'],
      registers: [registry],
    });
    // Every series exists from the start, so rates and alerts see 0 rather than no data.
    for (const outcome of OUTCOMES) this.outcomes.inc({ outcome }, 0);
  }

  record(outcome: PaymentOutcome): void {
    this.outcomes.inc({ outcome });
  }
}
