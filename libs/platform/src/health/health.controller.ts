import { Controller, Get, Inject } from '@nestjs/common';
import { HEALTH_SETTINGS, type HealthSettings } from './health.settings.js';
import { StoreHealth } from './store-health.js';
import { StoreUnavailableError } from './store-unavailable.error.js';

/**
 * `/health/ready`: 200 while the store answers a ping within STORE_PING_TIMEOUT_MS, else 503
 * naming the store and why. `/health/live`: 200 while the event loop answers, 503 once the store
 * has failed every ping for STORE_DOWN_LIVENESS_MS (a wedged store: restarting is the remedy).
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: StoreHealth,
    @Inject(HEALTH_SETTINGS) private readonly settings: HealthSettings,
  ) {}

  @Get('live')
  live(): { status: 'ok' } {
    const downMs = this.health.downForMs();
    if (downMs >= this.settings.STORE_DOWN_LIVENESS_MS) {
      const seconds = Math.round(downMs / 1000);
      throw new StoreUnavailableError(
        `the store has failed every ping for ${seconds} s (STORE_DOWN_LIVENESS_MS=${this.settings.STORE_DOWN_LIVENESS_MS})`,
      );
    }
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(): Promise<{ status: 'ok'; store: string }> {
    const state = await this.health.check();
    if (!state.up) throw new StoreUnavailableError(`${state.store}: ${state.reason}`);
    return { status: 'ok', store: state.store };
  }
}
