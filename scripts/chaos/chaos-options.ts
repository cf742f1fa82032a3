import { parseArgs } from 'node:util';

export interface ChaosOptions {
  seed: number;
  orders: number;
  /** Orders per second, and at most this many in flight. */
  rate: number;
  concurrency: number;
  /** Faults to inject; 0 for none, else at least one of every kind. */
  faults: number;
  /** How long recovery may take after the stream ends before unfinished orders are violations. */
  recoveryWindowMs: number;
  /** Orders failing confirm skip their refund: the run must then fail (the checker's proof). */
  breakCompensation: boolean;
  /** The stores `npm start` runs (PGlite, embedded FerretDB on SQLite) instead of servers. */
  embedded: boolean;
  /** Processes of orders and of payments; 2 or more puts NGINX in front and adds replica faults. */
  replicas: number;
  /** A rolling deploy mid-stream: orders starts on create-order v1 and is restarted onto v2. */
  upgrade: boolean;
}

const USAGE =
  'usage: chaos [--seed N] [--orders N] [--rate N] [--concurrency N] [--faults N] [--recovery-window-ms N] [--break-compensation] [--embedded] [--replicas N] [--upgrade]';

/** Command-line options; a missing seed is drawn at random (and printed, to replay the run). */
export function parseChaosOptions(
  argv: string[],
  randomSeed = () => Date.now() % 1_000_000,
): ChaosOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      seed: { type: 'string' },
      orders: { type: 'string', default: '1000' },
      rate: { type: 'string', default: '15' },
      concurrency: { type: 'string', default: '16' },
      faults: { type: 'string' },
      'recovery-window-ms': { type: 'string', default: '90000' },
      'break-compensation': { type: 'boolean', default: false },
      embedded: { type: 'boolean', default: false },
      replicas: { type: 'string', default: '1' },
      upgrade: { type: 'boolean', default: false },
    },
  });
  const orders = positive('orders', values.orders);
  const replicas = positive('replicas', values.replicas);
  if (replicas > 1 && values.embedded) {
    throw new Error(`--replicas needs servers the replicas share; not with --embedded\n${USAGE}`);
  }
  if (values.upgrade && values.embedded) {
    throw new Error(`--upgrade reads orders' database to check it; not with --embedded\n${USAGE}`);
  }
  return {
    seed: values.seed === undefined ? randomSeed() : positive('seed', values.seed, 0),
    orders,
    rate: positive('rate', values.rate),
    concurrency: positive('concurrency', values.concurrency),
    faults:
      values.faults === undefined ? Math.ceil(orders / 60) : positive('faults', values.faults, 0),
    recoveryWindowMs: positive('recovery-window-ms', values['recovery-window-ms']),
    breakCompensation: values['break-compensation'],
    embedded: values.embedded,
    replicas,
    upgrade: values.upgrade,
  };
}

function positive(name: string, text: string, min = 1): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min) {
    throw new Error(`--${name} must be an integer ≥ ${min}, got "${text}"\n${USAGE}`);
  }
  return value;
}
