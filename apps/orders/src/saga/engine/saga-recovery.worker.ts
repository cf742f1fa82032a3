import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { SagaStore } from '../persistence/saga.store.js';
import { SagaOrchestrator } from './saga-orchestrator.js';
import { SAGA_SETTINGS, type SagaSettings } from './saga-settings.js';

const BATCH = 20;

/**
 * On start-up and then every interval: takes over sagas whose lease expired (their engine
 * crashed or was stopped) or whose retry is due, and drives them on.
 */
@Injectable()
export class SagaRecoveryWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SagaRecoveryWorker.name);
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<number> | undefined;

  constructor(
    private readonly store: SagaStore,
    private readonly orchestrator: SagaOrchestrator,
    @Inject(SAGA_SETTINGS) private readonly settings: SagaSettings,
  ) {}

  onApplicationBootstrap(): void {
    if (this.settings.recoveryIntervalMs <= 0) return;
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.settings.recoveryIntervalMs);
    this.timer.unref();
  }

  // Module destruction comes before TypeORM closes its pool (on application shutdown), so a
  // pass in flight finishes on open connections.
  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.inFlight?.catch(() => 0);
  }

  /** One pass: claims due sagas (SKIP LOCKED) and runs them; returns how many it took. */
  async runOnce(): Promise<number> {
    const now = new Date();
    const leaseUntil = new Date(now.getTime() + this.settings.leaseMs);
    const ids = await this.store.claimDue(this.orchestrator.owner, now, leaseUntil, BATCH);
    if (ids.length > 0) this.logger.log({ sagas: ids.length }, 'recovering sagas');
    await Promise.all(ids.map((id) => this.orchestrator.run(id, undefined, true)));
    return ids.length;
  }

  private async tick(): Promise<void> {
    if (this.inFlight) return;
    this.inFlight = this.runOnce();
    try {
      // A full batch means more may be waiting: go again at once.
      while ((await this.inFlight) === BATCH) this.inFlight = this.runOnce();
    } catch (error) {
      this.logger.error({ err: error }, 'saga recovery pass failed');
    } finally {
      this.inFlight = undefined;
    }
  }
}
