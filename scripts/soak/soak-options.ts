import { parseArgs } from 'node:util';

export interface SoakOptions {
  /** Orders per second, an open model: they arrive whether or not earlier ones were answered. */
  rate: number;
  /** Length of the measured part, after the warm-up. */
  durationMs: number;
  /** Load before the first measurement, so pools, JIT and caches are at their steady state. */
  warmupMs: number;
  /** How often each process's memory, event-loop delay and the saga backlog are sampled. */
  sampleMs: number;
  /** The verdict's bound on any app's RSS growth from the first sample to the last, in %. */
  maxRssGrowthPercent: number;
}

const USAGE =
  'usage: soak [--rate 100] [--duration 20m] [--warmup 60s] [--sample-every 10s] [--max-rss-growth 15]';

/** Command-line options; durations as 90s, 20m, 1h or milliseconds. */
export function parseSoakOptions(argv: string[]): SoakOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      rate: { type: 'string', default: '100' },
      duration: { type: 'string', default: '20m' },
      warmup: { type: 'string', default: '60s' },
      'sample-every': { type: 'string', default: '10s' },
      'max-rss-growth': { type: 'string', default: '15' },
    },
  });
  const options = {
    rate: positive('rate', values.rate),
    durationMs: duration('duration', values.duration),
    warmupMs: duration('warmup', values.warmup),
    sampleMs: duration('sample-every', values['sample-every']),
    maxRssGrowthPercent: positive('max-rss-growth', values['max-rss-growth']),
  };
  if (options.sampleMs > options.durationMs) {
    throw new Error(`--sample-every must not exceed --duration\n${USAGE}`);
  }
  return options;
}

function positive(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`--${name} must be a number > 0, got "${text}"\n${USAGE}`);
  }
  return value;
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

function duration(name: string, text: string): number {
  const match = /^(\d+)(ms|s|m|h)?$/.exec(text);
  if (!match || Number(match[1]) <= 0) {
    throw new Error(`--${name} must be a duration such as 90s or 20m, got "${text}"\n${USAGE}`);
  }
  return Number(match[1]) * UNIT_MS[match[2] ?? 'ms']!;
}
