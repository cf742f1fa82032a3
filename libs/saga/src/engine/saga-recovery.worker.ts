import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { SagaMetrics } from '../metrics/saga.metrics.js';
import { SAGA_OPTIONS, type SagaModuleOptions } from '../saga-module-options.js';
import { SagaRegistry } from '../definition/saga-registry.js';
import { SAGA_STORE, type SagaStore } from '../store/saga-store.port.js';
import { SagaOrchestrator } from './saga-orchestrator.js';
import { SagaVersionGuard } from './version-guard.js';

/**
 * On start-up and then every interval: takes over sagas whose lease expired (their engine died)
 * or whose retry is due, never more at once than `recovery.concurrency`, so a burst of due
 * sagas (an outage that ended, an operator's bulk retry) reaches the downstream at a bounded rate.
 */
@Injectable()
export class SagaRecoveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('SagaRecovery');
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<void> | undefined;
  private readonly active = new Set<Promise<unknown>>();
  private stopped = false;
  /** Runs on its own timer (else only runOnce, for tests, drives it). */
  private automatic = false;

  constructor(
    @Inject(SAGA_STORE) private readonly store: SagaStore,
    private readonly orchestrator: SagaOrchestrator,
    private readonly guard: SagaVersionGuard,
    private readonly registry: SagaRegistry,
    private readonly metrics: SagaMetrics,
    @Inject(SAGA_OPTIONS) private readonly options: SagaModuleOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.guard.check();
    this.metrics.declareTypes(this.registry.types());
    const { intervalMs } = this.options.recovery;
    if (intervalMs <= 0) return;
    this.automatic = true;
    this.tick();
    this.timer = setInterval(() => this.tick(), intervalMs);
    this.timer.unref();
  }

  /**
   * Stops claiming. A claim already sent is not waited for: on one connection it queues behind
   * every step under way and would hold off the engine's drain; if it lands, it hands back
   * what it took.
   */
  beforeApplicationShutdown(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  /** Claims what is due now (up to the free slots) and runs it to the end; for tests. */
  async runOnce(): Promise<number> {
    const started = await this.claim();
    await Promise.allSettled([...this.active]);
    return started;
  }

  private tick(): void {
    if (!this.automatic || this.stopped || this.pass) return;
    this.pass = this.fill()
      .catch((error: unknown) => this.logger.error({ err: error }, 'saga recovery pass failed'))
      .finally(() => (this.pass = undefined));
  }

  /** Claims until every slot is busy or nothing more is due. */
  private async fill(): Promise<void> {
    while (!this.stopped) {
      const free = this.options.recovery.concurrency - this.active.size;
      if (free <= 0 || (await this.claim()) < free) return;
    }
  }

  private async claim(): Promise<number> {
    const free = this.options.recovery.concurrency - this.active.size;
    if (free <= 0) return 0;
    const now = new Date();
    const leaseUntil = new Date(now.getTime() + this.options.leaseMs);
    const known = this.registry.versions();
    const claimed = await this.store.claimDue(
      this.orchestrator.owner,
      now,
      leaseUntil,
      free,
      known,
    );
    if (this.stopped) {
      const ids = claimed.map((saga) => saga.id);
      if (ids.length > 0) await this.store.release(this.orchestrator.owner, new Date(), ids);
      return 0;
    }
    if (claimed.length > 0) this.logger.log({ sagas: claimed.length }, 'recovering sagas');
    for (const saga of claimed) {
      const run = this.orchestrator
        .resume(saga)
        .catch((error: unknown) =>
          this.logger.error({ saga_id: saga.id, err: error }, 'recovered saga failed'),
        )
        .finally(() => {
          this.active.delete(run);
          this.tick(); // a slot is free: more may be due
        });
      this.active.add(run);
    }
    return claimed.length;
  }
}
