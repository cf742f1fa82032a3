import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { MetricsRegistry } from '#platform';

export type LoginOutcome = 'success' | 'invalid_credentials' | 'rate_limited';

/** `auth_login_attempts_total{outcome}`: brute force shows up as invalid_credentials and rate_limited. */
@Injectable()
export class LoginMetrics {
  private readonly attempts: Counter<'outcome'>;

  constructor(registry: MetricsRegistry) {
    this.attempts = new Counter({
      name: 'auth_login_attempts_total',
      help: 'Login attempts by outcome',
      labelNames: ['outcome'],
      registers: [registry],
    });
    for (const outcome of ['success', 'invalid_credentials', 'rate_limited'] as const) {
      this.attempts.inc({ outcome }, 0);
    }
  }

  record(outcome: LoginOutcome): void {
    this.attempts.inc({ outcome });
  }
}
