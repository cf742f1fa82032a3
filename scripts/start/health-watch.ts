export interface Watched {
  name: string;
  httpPort: number;
}

export interface WatchEvents {
  /** Readiness failed after it had passed: the service is up but cannot serve (its store). */
  notReady(name: string, reason: string): void;
  readyAgain(name: string): void;
  /** Liveness failed `liveFailures` polls in a row: the service should be restarted. */
  notLive(name: string, reason: string): void;
}

export interface WatchOptions {
  intervalMs: number;
  /** Consecutive failed liveness polls before `notLive` (one slow answer is not a wedge). */
  liveFailures: number;
  timeoutMs: number;
}

interface Probe {
  ok: boolean;
  reason: string;
}

/**
 * Polls every service's /health/ready and /health/live once all are up, like an orchestrator's
 * probes: readiness changes are reported, failed liveness asks for a restart.
 */
export class HealthWatch {
  private timer: NodeJS.Timeout | undefined;
  private readonly notReady = new Set<string>();
  private readonly liveFailed = new Map<string, number>();
  private polling = false;

  constructor(
    private readonly targets: () => Watched[],
    private readonly options: WatchOptions,
    private readonly events: WatchEvents,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.poll(), this.options.intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Forgets what it knew of a service (it was restarted). */
  reset(name: string): void {
    this.notReady.delete(name);
    this.liveFailed.delete(name);
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      await Promise.all(this.targets().map((target) => this.pollOne(target)));
    } finally {
      this.polling = false;
    }
  }

  private async pollOne({ name, httpPort }: Watched): Promise<void> {
    const [ready, live] = await Promise.all([
      this.probe(httpPort, 'ready'),
      this.probe(httpPort, 'live'),
    ]);
    if (!ready.ok && !this.notReady.has(name)) {
      this.notReady.add(name);
      this.events.notReady(name, ready.reason);
    } else if (ready.ok && this.notReady.delete(name)) {
      this.events.readyAgain(name);
    }
    const failures = live.ok ? 0 : (this.liveFailed.get(name) ?? 0) + 1;
    this.liveFailed.set(name, failures);
    if (failures === this.options.liveFailures) this.events.notLive(name, live.reason);
  }

  private async probe(port: number, path: 'ready' | 'live'): Promise<Probe> {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health/${path}`, {
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      const body = await res.text();
      return { ok: res.ok, reason: res.ok ? '' : `${res.status} ${detailOf(body)}` };
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      return {
        ok: false,
        reason: timedOut ? `no answer within ${this.options.timeoutMs} ms` : 'not answering',
      };
    }
  }
}

/** The problem+json `detail` the services answer with, else the body itself. */
function detailOf(body: string): string {
  try {
    const parsed = JSON.parse(body) as { detail?: unknown };
    return typeof parsed.detail === 'string' ? parsed.detail : body;
  } catch {
    return body.slice(0, 200);
  }
}
