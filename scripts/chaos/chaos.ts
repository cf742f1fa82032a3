// `npm run chaos [-- --seed N --orders N] [--embedded]`: auth, payments and orders with Toxiproxy
// in between, a steady stream of orders while a seeded schedule injects faults, then recovery and
// every saga invariant checked against both stores. Exits 1 on any violation, naming invariant
// and order. `--embedded`: on the stores `npm start` runs (PGlite, FerretDB on SQLite).
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkSagaInvariants, type Violation } from '#testing';
import { unfinishedViaApi } from './api-recovery.js';
import { parseChaosOptions, type ChaosOptions } from './chaos-options.js';
import { failed, formatReport } from './chaos-report.js';
import { openChaosStores, openStoredData } from './chaos-stores.js';
import type { ChaosTarget } from './chaos-target.js';
import { FaultInjector } from './fault-injector.js';
import { EMBEDDED_FAULT_KINDS, planFaults } from './fault-schedule.js';
import { OrderDriver } from './order-driver.js';
import { Random } from './random.js';
import { awaitRecovery } from './recovery.js';
import { faultKindsOf, replicaReport, replicaRunOf, startChaosSystem } from './replica-run.js';
import { OLD_CODE, UPGRADE_DRAIN, UpgradeRollout } from './upgrade-rollout.js';
import { recordedSagas } from './orders-db.js';
import { versionConformance } from './version-conformance.js';
import { writeViolationDetails } from './violation-details.js';

// dist/scripts/chaos/chaos.js → the repository, where dist/apps/<app> lives.
const PAYMENTS_DEADLINE_MS = 2_000;
/** orders tuned for a run measured in minutes: short leases, quick recovery passes and retries. */
const ORDERS_ENV = {
  SAGA_FAULTS_ENABLED: 'true',
  PAYMENTS_DEADLINE_MS: String(PAYMENTS_DEADLINE_MS),
  PAYMENTS_RETRIES: '2',
  SAGA_LEASE_MS: '5000',
  SAGA_RECOVERY_INTERVAL_MS: '500',
  SAGA_MAX_COMPENSATION_ATTEMPTS: '50',
  SAGA_RETRY_INITIAL_MS: '200',
  SAGA_RETRY_MAX_MS: '2000',
  SAGA_RUN_BUDGET_MS: '3000',
  // The breaker sheds load while payments is down; probing again soon keeps the stream realistic.
  PAYMENTS_BREAKER_HALF_OPEN_MS: '1000',
};
const PROGRESS_EVERY_MS = 5_000;

const log = (line: string) => console.log(`[chaos] ${line}`);

async function main(): Promise<number> {
  const options = parseChaosOptions(process.argv.slice(2));
  const logDir = await mkdtemp(join(tmpdir(), `saga-chaos-${options.seed}-`));
  log(
    `seed ${options.seed}, ${options.orders} orders, ${options.replicas} replica(s); logs in ${logDir}`,
  );
  const stores = await openChaosStores(logDir, options.embedded);
  log(`stores: ${stores.description}`);
  let system: ChaosTarget | undefined;
  try {
    const ordersEnv = options.upgrade
      ? { ...ORDERS_ENV, ...OLD_CODE, ...UPGRADE_DRAIN }
      : ORDERS_ENV;
    system = await startChaosSystem(options, logDir, stores, ordersEnv);
    log(`system up: orders ${system.ordersUrl}, auth ${system.authUrl}`);
    return await run(system, options, logDir);
  } finally {
    await system?.stop();
    await stores.close();
  }
}

async function run(system: ChaosTarget, options: ChaosOptions, logDir: string): Promise<number> {
  const random = new Random(options.seed);
  const replicaRun = replicaRunOf(system);
  const schedule = planFaults(random.fork(1), {
    ...options,
    paymentsDeadlineMs: PAYMENTS_DEADLINE_MS,
    kinds: kindsOf(options, replicaRun),
  });
  const customer = `chaos-${options.seed}-${randomUUID().slice(0, 8)}`;
  const driver = new OrderDriver(
    { ...options, ordersUrl: system.ordersUrl, login: () => system.customerToken(customer) },
    random.fork(2),
  );
  const started = Date.now();
  const injector = new FaultInjector(system, driver.stats, started, log, replicaRun);
  const rollout = options.upgrade
    ? new UpgradeRollout(system, driver.stats, Math.ceil(options.orders * 0.4), options.orders, log)
    : undefined;
  const progress = setInterval(() => {
    const { placed, inFlight, retries } = driver.stats;
    const elapsed = Math.round((Date.now() - started) / 1000);
    log(
      `${elapsed}s: placed ${placed}/${options.orders}, in flight ${inFlight}, retries ${retries}, faults ${injector.injected.length}/${schedule.length}`,
    );
  }, PROGRESS_EVERY_MS);
  const halt = new AbortController();
  try {
    await Promise.all([
      driver
        .run((index) => injector.released(index))
        .catch((error: unknown) => {
          halt.abort();
          throw error;
        }),
      injector.run(schedule, halt.signal),
      rollout?.run(halt.signal),
    ]);
  } finally {
    clearInterval(progress);
  }
  const streamMs = Date.now() - started;
  log(`stream done in ${streamMs} ms; faults cleared, waiting for recovery`);
  await system.toxiproxy.reset();
  const { recovery, ordersByStatus } = options.embedded
    ? await recoverEmbedded(system, options, customer, driver.acknowledged, logDir)
    : await recoverOnServers(system, options, driver.acknowledged, logDir);
  const upgrade = rollout && (await checkUpgrade(rollout, system, recovery.violations));
  const result = {
    ...options,
    upgrade,
    requested: options.orders,
    stats: driver.stats,
    faults: injector.injected,
    streamMs,
    ...recovery,
    ordersByStatus,
    logDir,
    replicas: await replicaReport(replicaRun, Number(ORDERS_ENV.SAGA_LEASE_MS)),
  };
  console.log(formatReport(result));
  return failed(result) ? 1 : 0;
}

type Acked = OrderDriver['acknowledged'];

/** In a rolling deploy orders' own process faults would race the deploy's restarts. */
function kindsOf(options: ChaosOptions, replicaRun: ReturnType<typeof replicaRunOf>) {
  const kinds = options.embedded ? EMBEDDED_FAULT_KINDS : faultKindsOf(replicaRun);
  return options.upgrade ? kinds.filter((kind) => !kind.startsWith('orders-')) : kinds;
}

/** Every saga ran exactly its own version's steps (added to the violations), and what ran. */
async function checkUpgrade(rollout: UpgradeRollout, system: ChaosTarget, violations: Violation[]) {
  const sagas = await recordedSagas(system.stores.servers!.ordersDb.url);
  violations.push(...versionConformance(await rollout.definitions(), sagas));
  const sagasByVersion: Record<string, number> = {};
  for (const { type, version } of sagas) {
    sagasByVersion[`${type} v${version}`] = (sagasByVersion[`${type} v${version}`] ?? 0) + 1;
  }
  if (!rollout.result) throw new Error('the upgrade never ran: the stream ended first');
  return { ...rollout.result, sagasByVersion };
}

async function recoverOnServers(
  system: ChaosTarget,
  options: ChaosOptions,
  acknowledged: Acked,
  logDir: string,
) {
  const { ordersDb, paymentsDb } = system.stores.servers!;
  const recovery = await awaitRecovery(
    () => checkSagaInvariants(ordersDb.url, paymentsDb.url, acknowledged),
    options.recoveryWindowMs,
  );
  await explain(recovery.violations, ordersDb.url, paymentsDb.url, logDir);
  return { recovery, ordersByStatus: await system.ordersByStatus() };
}

/** Recovery watched through orders' API; then the apps stop and their stores are checked. */
async function recoverEmbedded(
  system: ChaosTarget,
  options: ChaosOptions,
  customer: string,
  acknowledged: Acked,
  logDir: string,
) {
  const token = await system.customerToken(customer);
  const recovery = await awaitRecovery(
    () => unfinishedViaApi(system.ordersUrl, token, acknowledged),
    options.recoveryWindowMs,
    2_000,
  );
  await system.stop();
  const data = await openStoredData(system.stores.dataRoot);
  try {
    const violations = await checkSagaInvariants(
      data.ordersDb.url,
      data.paymentsDb.url,
      acknowledged,
    );
    await explain(violations, data.ordersDb.url, data.paymentsDb.url, logDir);
    const ordersByStatus = await system.ordersByStatus(data.ordersDb.url);
    return { recovery: { ...recovery, violations }, ordersByStatus };
  } finally {
    await data.close();
  }
}

async function explain(
  violations: Violation[],
  ordersUrl: string,
  paymentsUrl: string,
  logDir: string,
): Promise<void> {
  if (violations.length === 0) return;
  const file = await writeViolationDetails(logDir, ordersUrl, paymentsUrl, violations);
  log(`what both stores hold about the violating orders: ${file}`);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      `[chaos] run failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exit(2);
  },
);
