// What each app's runtime did during a run, read from the app's own /metrics (prom-client's
// default metrics and the pool gauges): event-loop delay, garbage collection, pool waits. The
// exposition lines are read with one pattern here: the npm parser tried first
// (parse-prometheus-text-format 1.1.1) drops the sums and labels of histograms.

import { eventLoopLateMs } from '#platform';

/** One app's runtime over a run. */
export interface RuntimeFigures {
  app: string;
  /**
   * How late the event loop was, ms beyond the monitor's own 10 ms tick (an idle loop reads 0):
   * the highest p99 of any 1-second window, and the longest single delay.
   */
  loopLateP99Ms: number;
  loopLateMaxMs: number;
  /** Milliseconds spent in GC pauses per second of the run, and pauses per second. */
  gcMsPerS: number;
  gcPerS: number;
  /** The most requests seen waiting for a database connection at one scrape, by store. */
  poolWaitMax: Record<string, number>;
}

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const LINE = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /(\w+)="((?:[^"\\]|\\.)*)"/g;

/** The samples of a Prometheus text exposition (comments skipped). */
export function parseSamples(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const match = LINE.exec(line);
    if (!match || line.startsWith('#')) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(LABEL)) labels[key!] = value!;
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

interface Window {
  at: number;
  gcSeconds: number;
  gcCount: number;
}

interface Seen {
  first?: Window;
  last?: Window;
  loopP99: number;
  loopMax: number;
  poolWaitMax: Record<string, number>;
}

const sum = (samples: Sample[], name: string) =>
  samples.filter((s) => s.name === name).reduce((total, s) => total + s.value, 0);
const max = (samples: Sample[], name: string) =>
  Math.max(0, ...samples.filter((s) => s.name === name).map((s) => s.value));

/**
 * Scrapes every app once a second between `start` and `stop`. prom-client resets its event-loop
 * histogram at each scrape, so each scrape's p99 and max cover the second before it; the first
 * scrape only clears what came before the run.
 */
export class RuntimeSampler {
  private readonly seen = new Map<string, Seen>();
  private timer?: NodeJS.Timeout;
  private scraping: Promise<void> = Promise.resolve();

  constructor(private readonly apps: ReadonlyArray<{ app: string; url: string }>) {}

  async start(): Promise<void> {
    for (const { app } of this.apps)
      this.seen.set(app, { loopP99: 0, loopMax: 0, poolWaitMax: {} });
    await this.scrapeAll(true);
    this.timer = setInterval(() => {
      this.scraping = this.scraping.then(() => this.scrapeAll(false));
    }, 1000);
  }

  async stop(): Promise<RuntimeFigures[]> {
    clearInterval(this.timer);
    await this.scraping;
    await this.scrapeAll(false);
    return this.apps.map(({ app }) => {
      const { first, last, loopP99, loopMax, poolWaitMax } = this.seen.get(app)!;
      const seconds = first && last ? (last.at - first.at) / 1000 : 0;
      const per = (delta: number) => (seconds > 0 ? delta / seconds : Number.NaN);
      return {
        app,
        loopLateP99Ms: eventLoopLateMs(loopP99),
        loopLateMaxMs: eventLoopLateMs(loopMax),
        gcMsPerS: per(((last?.gcSeconds ?? 0) - (first?.gcSeconds ?? 0)) * 1000),
        gcPerS: per((last?.gcCount ?? 0) - (first?.gcCount ?? 0)),
        poolWaitMax,
      };
    });
  }

  private async scrapeAll(first: boolean): Promise<void> {
    await Promise.all(this.apps.map(({ app, url }) => this.scrape(app, url, first)));
  }

  private async scrape(app: string, url: string, first: boolean): Promise<void> {
    const response = await fetch(`${url}/metrics`).catch(() => undefined);
    if (!response?.ok) return; // a missed second: the next window still counts
    const samples = parseSamples(await response.text());
    const seen = this.seen.get(app)!;
    const window: Window = {
      at: Date.now(),
      gcSeconds: sum(samples, 'nodejs_gc_duration_seconds_sum'),
      gcCount: sum(samples, 'nodejs_gc_duration_seconds_count'),
    };
    if (first) {
      seen.first = window;
      return;
    }
    seen.last = window;
    seen.loopP99 = Math.max(seen.loopP99, max(samples, 'nodejs_eventloop_lag_p99_seconds'));
    seen.loopMax = Math.max(seen.loopMax, max(samples, 'nodejs_eventloop_lag_max_seconds'));
    for (const s of samples.filter((x) => x.name === 'db_pool_pending_requests')) {
      const store = s.labels.store ?? '?';
      seen.poolWaitMax[store] = Math.max(seen.poolWaitMax[store] ?? 0, s.value);
    }
  }
}
