import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import {
  MongooseHealthIndicator,
  TypeOrmHealthIndicator,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import {
  HEALTH_SETTINGS,
  HEALTH_STORE,
  type HealthSettings,
  type StoreKind,
} from './health.settings.js';

export interface StoreState {
  store: StoreKind;
  up: boolean;
  /** Why the last ping failed (absent when up). */
  reason?: string;
}

/**
 * Pings the app's store (terminus' indicators, with a timeout) on every readiness call and in
 * the background, and remembers since when it has been failing: readiness reports the last
 * ping, liveness how long the store has been down.
 */
@Injectable()
export class StoreHealth implements OnApplicationBootstrap, OnModuleDestroy {
  private downSince: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private probing = false;

  constructor(
    @Inject(HEALTH_STORE) private readonly store: StoreKind,
    @Inject(HEALTH_SETTINGS) private readonly settings: HealthSettings,
    private readonly postgres: TypeOrmHealthIndicator,
    private readonly mongo: MongooseHealthIndicator,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.probe(), this.settings.STORE_PROBE_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** A fresh ping: an answer to a ping sent before the caller asked says nothing of now. */
  check(): Promise<StoreState> {
    return this.ping();
  }

  /** The background probe: one at a time, however long a ping hangs. */
  private async probe(): Promise<void> {
    if (this.probing) return;
    this.probing = true;
    await this.ping().finally(() => (this.probing = false));
  }

  /** How long every ping has failed; 0 while the store answers. */
  downForMs(now = Date.now()): number {
    return this.downSince === undefined ? 0 : now - this.downSince;
  }

  private async ping(): Promise<StoreState> {
    const started = Date.now();
    const timeout = this.settings.STORE_PING_TIMEOUT_MS;
    const result: HealthIndicatorResult =
      this.store === 'postgres'
        ? await this.postgres.pingCheck(this.store).withTimeout(timeout)
        : await this.mongo.pingCheck(this.store).withTimeout(timeout);
    const outcome = result[this.store];
    if (outcome?.status === 'up') {
      this.downSince = undefined;
      return { store: this.store, up: true };
    }
    this.downSince ??= started;
    const message = typeof outcome?.message === 'string' ? outcome.message : 'no answer';
    return { store: this.store, up: false, reason: message };
  }
}
