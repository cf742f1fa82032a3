import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { devAdmin } from './dev-admin.js';
import { LaunchError } from './launch-error.js';
import { planServices } from './plan.js';
import { assertPortsFree, portClaims } from './port-check.js';
import { Supervisor } from './supervisor.js';

// dist/scripts/start/start.js → the repository, where dist/apps/<app> lives.
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const READY_TIMEOUT_MS = 120_000;
// The services give up on a hanging shutdown after 10 s themselves; this is the backstop.
const STOP_GRACE_MS = 12_000;

/** `npm start`: auth, payments and orders from dist/, on one machine, until Ctrl-C. */
async function main(): Promise<number> {
  const dataRoot = resolve(REPO_ROOT, process.env.SAGA_DATA_DIR || '.data');
  const admin = await devAdmin(process.env, join(dataRoot, 'admin-credentials.json'));
  const plans = planServices(process.env, REPO_ROOT, admin);
  await assertPortsFree(portClaims(plans));
  await Promise.all(plans.map((plan) => mkdir(dirname(plan.logFile), { recursive: true })));
  const supervisor = new Supervisor(plans, {
    repoRoot: REPO_ROOT,
    readyTimeoutMs: READY_TIMEOUT_MS,
    stopGraceMs: STOP_GRACE_MS,
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
      error instanceof LaunchError
        ? error.message
        : `launcher failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
    process.stderr.write(`[launcher] ${message}\n`);
    process.exit(1);
  },
);
