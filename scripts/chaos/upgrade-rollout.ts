import { setTimeout as sleep } from 'node:timers/promises';
import type { ChaosTarget } from './chaos-target.js';
import type { DriverStats } from './order-driver.js';
import { ordersQuery } from './orders-db.js';
import type { VersionSteps } from './version-conformance.js';

/** What `--upgrade` changes in orders: the create-order version new sagas start on. */
export const OLD_CODE = { SAGA_CREATE_ORDER_VERSION: '1' };
export const NEW_CODE = { SAGA_CREATE_ORDER_VERSION: '2' };
/**
 * Shorter than a slow confirm (3 s), so the sagas a stopping replica holds mid-confirm are handed
 * back and finished by replicas already on the new code, not drained on the old one.
 */
export const UPGRADE_DRAIN = { SAGA_SHUTDOWN_DRAIN_MS: '1000' };

export interface UpgradeStats {
  atOrder: number;
  /** create-order v1 sagas unfinished when the first replica got SIGTERM. */
  v1InFlight: number;
  tookMs: number;
}

/**
 * `--upgrade`: orders starts as the old code (create-order v1 only); once the stream reaches
 * `atOrder`, and v1 sagas are under way, every orders process is restarted in turn on code whose
 * newest create-order version is v2.
 */
export class UpgradeRollout {
  result?: UpgradeStats;

  constructor(
    private readonly system: ChaosTarget,
    private readonly stats: DriverStats,
    private readonly atOrder: number,
    private readonly total: number,
    private readonly log: (line: string) => void,
  ) {}

  /** Waits for its order and for v1 sagas under way; gives up if the stream ends with none. */
  async run(signal: AbortSignal): Promise<void> {
    while (this.stats.submitted < this.atOrder || (await this.v1InFlight()) === 0) {
      if (signal.aborted || this.stats.submitted >= this.total) return;
      await sleep(100);
    }
    const atOrder = this.stats.submitted;
    const v1InFlight = await this.v1InFlight();
    this.log(
      `upgrade at order ${atOrder}: ${v1InFlight} create-order v1 sagas in flight; rolling orders onto v2`,
    );
    const started = Date.now();
    await this.system.rollOrders(NEW_CODE);
    this.result = { atOrder, v1InFlight, tookMs: Date.now() - started };
    this.log(`upgrade done in ${this.result.tookMs} ms`);
  }

  /** The definitions orders runs once upgraded, as its console API lists them. */
  async definitions(): Promise<VersionSteps[]> {
    const response = await fetch(`${this.system.ordersUrl}/console/api/saga-definitions`, {
      headers: { authorization: `Bearer ${await this.system.adminToken()}` },
    });
    if (!response.ok) throw new Error(`saga definitions: HTTP ${response.status}`);
    return ((await response.json()) as { definitions: VersionSteps[] }).definitions;
  }

  private async v1InFlight(): Promise<number> {
    const [row] = await ordersQuery<{ n: number }>(
      this.system.stores.servers!.ordersDb.url,
      `SELECT count(*)::int AS n FROM saga_instances
        WHERE type = 'create-order' AND version = 1 AND status IN ('RUNNING', 'COMPENSATING')`,
    );
    return row?.n ?? 0;
  }
}
