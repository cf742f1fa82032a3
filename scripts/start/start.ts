import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, prepareEmbeddedMongo } from '#platform';
import { devAdmin } from './dev-admin.js';
import { LaunchError } from './launch-error.js';
import { rotateLog } from './log-rotation.js';
import { planServices } from './plan.js';
import { assertPortsFree, portClaims } from './port-check.js';
import { Supervisor } from './supervisor.js';

// dist/scripts/start/start.js → the repository, where dist/apps/<app> lives.
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const READY_TIMEOUT_MS = 120_000;
// The services give up on a hanging shutdown after 10 s themselves; this is the backstop.
const STOP_GRACE_MS = 12_000;
const KEEP_LOGS = 5;
/** Probes like an orchestrator's: every 2 s, liveness failed 3 times in a row means restart. */
const WATCH = { intervalMs: 2_000, liveFailures: 3, timeoutMs: 3_000 };
const RESTARTS = { limit: 3, windowMs: 10 * 60_000 };
const say = (line: string) => process.stdout.write(`[launcher] ${line}\n`);

/** `npm start`: auth, payments and orders from dist/, on one machine, until Ctrl-C. */
async function main(): Promise<number> {
  const dataRoot = resolve(REPO_ROOT, process.env.SAGA_DATA_DIR || '.data');
  const admin = await devAdmin(process.env, join(dataRoot, 'admin-credentials.json'));
  const plans = planServices(process.env, REPO_ROOT, admin);
  await assertPortsFree(portClaims(plans));
  // Built or downloaded before any service starts, so the readiness timeout times only starting.
  if (!process.env.MONGO_URL) {
    say('checking the embedded MongoDB-wire server for payments');
    say(`payments' store: ${await prepareEmbeddedMongo((line) => say(line))}`);
  }
  await Promise.all(plans.map((plan) => mkdir(dirname(plan.logFile), { recursive: true })));
  await Promise.all(plans.map((plan) => rotateLog(plan.logFile, KEEP_LOGS)));
  const supervisor = new Supervisor(plans, {
    repoRoot: REPO_ROOT,
    readyTimeoutMs: READY_TIMEOUT_MS,
    stopGraceMs: STOP_GRACE_MS,
    watch: WATCH,
    restarts: RESTARTS,
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  });
  if (admin.file) {
    const how = admin.created ? 'created' : 'from';
    process.stdout.write(
      `[launcher] admin account for the console: ${admin.username} / ${admin.password} (${how} ${admin.file})\n`,
    );
  }
  return supervisor.run();
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message =
      error instanceof LaunchError || error instanceof ConfigError
        ? error.message
        : `launcher failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
    process.stderr.write(`[launcher] ${message}\n`);
    process.exit(1);
  },
);
