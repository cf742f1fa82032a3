// `npm run soak [-- --rate 100 --duration 20m]`: orders at a steady rate for a long time through
// the gateway, each app's memory and event-loop delay sampled, the saga backlog watched, every
// error kept. Exits 1 on any error, an app's RSS growing past the bound, or sagas left unfinished.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBenchStack, type BenchStack } from '../bench/bench-stack.js';
import { openBenchStores } from '../bench/bench-stores.js';
import { SoakDriver } from './soak-driver.js';
import { parseSoakOptions, type SoakOptions } from './soak-options.js';
import { formatSoakReport, soakFailures, type SoakResult, type SoakSample } from './soak-report.js';
import { sagaBacklog, sampleProcess, type Backlog, type WatchedProcess } from './soak-sampler.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const RENEW_TOKEN_MS = 5 * 60_000;
const DRAIN_MS = 60_000;
const say = (text: string): void => void process.stdout.write(`[soak] ${text}\n`);

async function soak(stack: BenchStack, options: SoakOptions, ordersDb: string) {
  let token = stack.token;
  const renew = setInterval(() => {
    stack.renewToken().then(
      (fresh) => (token = fresh),
      (error: unknown) => say(`token renewal failed (the old one is kept): ${String(error)}`),
    );
  }, RENEW_TOKEN_MS);
  const watched: WatchedProcess[] = [stack.auth, ...stack.payments, ...stack.orders].map((app) => ({
    name: app.name,
    pid: app.child.pid!,
    httpPort: app.httpPort,
  }));
  const started = Date.now();
  const driver = new SoakDriver(stack.gateway.url, () => token, started);
  const samples: SoakSample[] = [];
  const sample = async () => {
    const atMs = Date.now() - started;
    const [processes, backlog] = await Promise.all([
      Promise.all(watched.map(sampleProcess)),
      sagaBacklog(ordersDb),
    ]);
    const taken: SoakSample = {
      atMs,
      measured: atMs > options.warmupMs,
      window: driver.takeWindow(),
      backlog,
      processes,
    };
    samples.push(taken);
    const orders = processes.find((p) => p.name === 'orders');
    say(
      `${Math.round(atMs / 1000)}s${taken.measured ? '' : ' (warm-up)'}: ${((taken.window.answered * 1000) / options.sampleMs).toFixed(1)} answers/s, ` +
        `p95 ${taken.window.p95Ms.toFixed(1)} ms, errors ${driver.errorCount}, backlog ${backlog.RUNNING + backlog.COMPENSATING + backlog.STUCK}, ` +
        `orders RSS ${orders?.rssMb.toFixed(0)} MiB, loop late p99 ${orders?.loopLateP99Ms.toFixed(1)} ms`,
    );
  };
  let sampling = Promise.resolve();
  const timer = setInterval(() => {
    sampling = sampling
      .then(sample)
      .catch((error: unknown) => say(`sample failed: ${String(error)}`));
  }, options.sampleMs);
  try {
    await driver.run(options.rate, started + options.warmupMs + options.durationMs);
  } finally {
    clearInterval(timer);
    clearInterval(renew);
    await sampling;
  }
  return { driver, samples, drainedBacklog: await drained(ordersDb) };
}

/** Waits (a while at most) for the sagas still running when the load stopped. */
async function drained(ordersDb: string): Promise<Backlog> {
  const deadline = Date.now() + DRAIN_MS;
  for (;;) {
    const backlog = await sagaBacklog(ordersDb);
    if (backlog.RUNNING + backlog.COMPENSATING === 0 || Date.now() > deadline) return backlog;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function main(): Promise<number> {
  const options = parseSoakOptions(process.argv.slice(2));
  const stores = await openBenchStores({ requireDurable: false });
  const logDir = mkdtempSync(join(tmpdir(), 'saga-soak-logs-'));
  try {
    say(`starting the system in production mode (logs in ${logDir})`);
    const stack = await startBenchStack(stores, true, logDir);
    const run = await soak(stack, options, stores.ordersDb).finally(() => stack.stop());
    const result: SoakResult = {
      options,
      when: new Date().toISOString(),
      durability: stores.durability,
      sent: run.driver.sent,
      samples: run.samples,
      errors: run.driver.errorList(),
      drainedBacklog: run.drainedBacklog,
      logDir,
    };
    console.log(`\n${formatSoakReport(result)}`);
    const dir = join(REPO_ROOT, 'bench/results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `soak-${result.when.replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    say(`results: ${file}`);
    return soakFailures(result).length > 0 ? 1 : 0;
  } finally {
    stores.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      `soak failed to run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exit(2);
  },
);
