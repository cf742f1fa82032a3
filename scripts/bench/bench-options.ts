import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** Orders per second of the measured runs (and of the replica comparison). */
  rate: number;
  /** Length of each measured run, as k6 reads it ("30s", "2m"). */
  duration: string;
  /** Length of each saturation step and closed-model run. */
  stepDuration: string;
  /**
   * How long each path runs before the first round (and the stack restarted for throughput): a
   * fresh process compiles its hot code for about a minute under load.
   */
  warmUp: string;
  /** How many times each path is measured; the report gives the median and the spread. */
  rounds: number;
  /** 2 or more adds the replica comparison: that many of orders and of payments, same rate. */
  replicas: number;
}

const USAGE =
  'usage: bench [--rate N] [--duration 30s] [--step-duration 10s] [--warm-up 60s] [--rounds 3] [--replicas N] (BENCH_RATE and BENCH_DURATION still work)';

/** Command-line options, with the older BENCH_RATE / BENCH_DURATION variables as defaults. */
export function parseBenchOptions(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      rate: { type: 'string', default: env.BENCH_RATE ?? '200' },
      duration: { type: 'string', default: env.BENCH_DURATION ?? '30s' },
      'step-duration': { type: 'string', default: '10s' },
      'warm-up': { type: 'string', default: '60s' },
      rounds: { type: 'string', default: '3' },
      replicas: { type: 'string', default: '1' },
    },
  });
  return {
    rate: positive('rate', values.rate),
    duration: duration('duration', values.duration),
    stepDuration: duration('step-duration', values['step-duration']),
    warmUp: duration('warm-up', values['warm-up']),
    rounds: positive('rounds', values.rounds),
    replicas: positive('replicas', values.replicas),
  };
}

function positive(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new Error(`--${name} must be an integer ≥ 1, got "${text}"\n${USAGE}`);
  }
  return value;
}

function duration(name: string, text: string): string {
  if (!/^[1-9]\d*(ms|s|m)$/.test(text)) {
    throw new Error(`--${name} must be a k6 duration such as 30s or 2m, got "${text}"\n${USAGE}`);
  }
  return text;
}
