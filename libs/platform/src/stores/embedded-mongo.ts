import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../config/load-config.js';
import { freePort, waitForPort } from '../process/free-port.js';

export interface MongoEndpoint {
  url: string;
  description: string;
  close(): Promise<void>;
}

const REPO_ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
const FERRETDB_BIN = process.env.FERRETDB_BIN ?? `${REPO_ROOT}.tools/bin/ferretdb`;
const FERRETDB_SETUP = `${REPO_ROOT}scripts/tools/install-ferretdb.sh`;
const MONGOD_DOWNLOAD_HOST = 'fastdl.mongodb.org';

/**
 * Uses MONGO_URL when given. Otherwise an embedded MongoDB-wire server: mongodb-memory-server's
 * mongod where it can be downloaded, else FerretDB built from the Go module proxy into .tools
 * (machines without vendor downloads; built on first need), else a ConfigError naming MONGO_URL.
 */
export async function openMongo(
  url: string | undefined,
  dataDir: string,
  database: string,
): Promise<MongoEndpoint> {
  if (url) return { url, description: 'MongoDB (MONGO_URL)', close: async () => {} };
  const failures: string[] = [];
  if (await mongodObtainable()) {
    try {
      return await startMemoryServer(database);
    } catch (error) {
      failures.push(`mongodb-memory-server: ${error instanceof Error ? error.message : error}`);
    }
  } else {
    failures.push(
      `mongodb-memory-server: ${MONGOD_DOWNLOAD_HOST} unreachable, no mongod to download`,
    );
  }
  if (!existsSync(FERRETDB_BIN)) buildFerretDb();
  if (existsSync(FERRETDB_BIN)) return startFerret(dataDir, database);
  failures.push(`FerretDB: no binary at ${FERRETDB_BIN} and it could not be built (needs Go)`);
  throw new ConfigError(
    `MONGO_URL: unset and no embedded MongoDB-wire server could start; set MONGO_URL.\n  ${failures.join('\n  ')}`,
  );
}

/** mongod is either configured locally or downloadable; skips a slow, noisy failed download. */
async function mongodObtainable(): Promise<boolean> {
  if (process.env.MONGOMS_SYSTEM_BINARY || process.env.MONGOMS_DOWNLOAD_URL) return true;
  const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), 2_000).unref());
  const resolved = lookup(MONGOD_DOWNLOAD_HOST).then(
    () => true,
    () => false,
  );
  return Promise.race([resolved, timeout]);
}

/** The project's own setup step, run on first need where Go is present (about a minute, once). */
function buildFerretDb(): void {
  if (!existsSync(FERRETDB_SETUP) || spawnSync('go', ['version']).status !== 0) return;
  process.stderr.write(
    'building FerretDB for the embedded MongoDB-wire server (once, about a minute)\n',
  );
  spawnSync('bash', [FERRETDB_SETUP], { stdio: ['ignore', 'inherit', 'inherit'] });
}

async function startMemoryServer(database: string): Promise<MongoEndpoint> {
  const { MongoMemoryServer } = await import('mongodb-memory-server');
  const server = await MongoMemoryServer.create();
  return {
    url: server.getUri(database),
    description: 'embedded mongod (mongodb-memory-server)',
    close: async () => {
      await server.stop();
    },
  };
}

async function startFerret(dataDir: string, database: string): Promise<MongoEndpoint> {
  await mkdir(dataDir, { recursive: true });
  const port = await freePort();
  const child: ChildProcess = spawn(
    FERRETDB_BIN,
    [
      '--handler=sqlite',
      `--sqlite-url=file:${dataDir}/`,
      `--listen-addr=127.0.0.1:${port}`,
      '--telemetry=disable',
      `--state-dir=${dataDir}`,
      '--debug-addr=-',
      '--log-level=error',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`FerretDB exited with code ${code} at start`))),
  );
  exited.catch(() => {}); // only the start-up race cares; a later exit is handled by close()
  await Promise.race([waitForPort(port, 15_000), exited]);
  return {
    url: `mongodb://127.0.0.1:${port}/${database}`,
    description: `embedded FerretDB on SQLite (${dataDir})`,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
