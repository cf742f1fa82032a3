import { PROXIES } from './chaos-system.js';
import type { ChaosTarget } from './chaos-target.js';
import type { Fault, FaultKind } from './fault-schedule.js';
import type { DriverStats } from './order-driver.js';
import { replicaFaultActions } from './replica-faults.js';
import type { ReplicatedSystem } from './replica-system.js';
import type { TakeoverProbe } from './takeover.js';

export interface InjectedFault extends Fault {
  /** Milliseconds since the run started. */
  at: number;
  note: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// How long an orders kill waits for a request in flight, so it lands mid-saga.
const MID_SAGA_WAIT_MS = 5_000;

/**
 * Plays the seeded schedule against the running system, one fault after another, each when the
 * order stream reaches its position, and always undoes it (toxic removed, proxy enabled, app
 * restarted) before the next.
 */
export class FaultInjector {
  readonly injected: InjectedFault[] = [];
  private schedule: readonly Fault[] = [];
  private begun = 0;

  constructor(
    private readonly system: ChaosTarget,
    private readonly stream: DriverStats,
    private readonly startedAt: number,
    private readonly log: (line: string) => void,
    /** A run with replicas: their faults, and the probe that times takeovers. */
    private readonly replicas?: { system: ReplicatedSystem; takeover: TakeoverProbe },
  ) {}

  /** Plays the schedule; `halted` ends it early (the stream died). */
  async run(schedule: readonly Fault[], halted: AbortSignal): Promise<void> {
    this.schedule = schedule;
    for (const fault of schedule) {
      while (this.stream.submitted < fault.atOrder && !halted.aborted) await sleep(10);
      if (halted.aborted) return;
      this.begun += 1;
      const at = Date.now() - this.startedAt;
      const note = await this.inject(fault);
      this.injected.push({ ...fault, at, note });
      this.log(
        `fault ${fault.kind} at order ${fault.atOrder} for ${fault.durationMs} ms${note ? ` (${note})` : ''}`,
      );
    }
  }

  /**
   * Whether the stream may place order `index`: not past the next fault's position before that
   * fault has begun, so every fault lands inside the stream however slow the one before it was.
   */
  released(index: number): boolean {
    return index <= (this.schedule[this.begun]?.atOrder ?? Infinity);
  }

  private inject(fault: Fault): Promise<string> {
    const toxiproxy = this.system.toxiproxy;
    const hold = () => sleep(fault.durationMs);
    const actions: Record<FaultKind, () => Promise<string>> = {
      'payments-latency': async () => {
        await toxiproxy.addToxic(PROXIES.ordersPayments, {
          name: 'latency-spike',
          type: 'latency',
          stream: 'downstream',
          attributes: { latency: fault.latencyMs!, jitter: 0 },
        });
        await hold().finally(() => toxiproxy.removeToxic(PROXIES.ordersPayments, 'latency-spike'));
        return `${fault.latencyMs} ms on every payments reply`;
      },
      'payments-drop': async () => {
        await toxiproxy.setEnabled(PROXIES.ordersPayments, false);
        await hold().finally(() => toxiproxy.setEnabled(PROXIES.ordersPayments, true));
        return 'every orders→payments connection dropped';
      },
      'payments-kill': () => this.killAndRestart('payments', hold),
      'orders-kill': async () => {
        const deadline = Date.now() + MID_SAGA_WAIT_MS;
        while (this.stream.inFlight === 0 && Date.now() < deadline) await sleep(10);
        const inFlight = this.stream.inFlight;
        const underWay = await this.system.sagasUnderWay().catch(() => NaN);
        await this.killAndRestart('orders', hold);
        const sagas = Number.isNaN(underWay) ? 'unknown' : String(underWay);
        return `${inFlight} requests in flight, ${sagas} sagas under way`;
      },
      'postgres-reset': () =>
        this.resets([PROXIES.ordersPostgres, PROXIES.authPostgres], hold, 'PostgreSQL'),
      'mongo-reset': () => this.resets([PROXIES.paymentsMongo], hold, 'FerretDB'),
      'store-freeze': async () => {
        const pid = await this.system.freezeStore();
        await hold().finally(() => this.system.thawStore(pid));
        return `payments' embedded FerretDB (pid ${pid}) stopped with SIGSTOP, then SIGCONT`;
      },
      ...replicaFaultActions(this.replicas?.system, this.replicas?.takeover, fault, hold),
    };
    return actions[fault.kind]();
  }

  private async killAndRestart(name: 'payments' | 'orders', hold: () => Promise<unknown>) {
    await this.system.kill(name);
    await hold();
    const restarting = Date.now();
    await this.system.restart(name);
    return `SIGKILL, restarted in ${Date.now() - restarting} ms`;
  }

  /** Every connection through the proxies is reset as soon as it sends anything. */
  private async resets(proxies: string[], hold: () => Promise<unknown>, what: string) {
    const toxiproxy = this.system.toxiproxy;
    const toxic = {
      name: 'reset',
      type: 'reset_peer',
      stream: 'upstream',
      attributes: { timeout: 0 },
    } as const;
    await Promise.all(proxies.map((proxy) => toxiproxy.addToxic(proxy, toxic)));
    await hold().finally(() =>
      Promise.all(proxies.map((proxy) => toxiproxy.removeToxic(proxy, toxic.name))),
    );
    return `${what} connections reset`;
  }
}
