import { spawn, spawnSync } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../config/load-config.js';
import { startFerret } from './embedded-ferret.js';
import type { MongoEndpoint } from './mongo-endpoint.js';

export type { MongoEndpoint } from './mongo-endpoint.js';

export type EmbeddedMongoKind = 'mongod' | 'ferretdb';

const REPO_ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
const FERRETDB_BIN = process.env.FERRETDB_BIN ?? `${REPO_ROOT}.tools/bin/ferretdb`;
const FERRETDB_SETUP = `${REPO_ROOT}scripts/tools/install-ferretdb.sh`;
const MONGOD_DOWNLOAD_HOST = 'fastdl.mongodb.org';
const PROGRESS_EVERY_MS = 10_000;

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
  const kind = await prepareEmbeddedMongo((line) => process.stderr.write(`${line}\n`));
  if (kind === 'mongod') {
    try {
      return await startMemoryServer(database);
    } catch (error) {
      if (!(await ferretDbBuilt(() => {}))) throw error;
    }
  }
  return startFerret(FERRETDB_BIN, dataDir, database);
}

/** FerretDB on the SQLite files an app's embedded store left in `dataDir` (to read them back). */
export function openFerretData(dataDir: string, database: string): Promise<MongoEndpoint> {
  return startFerret(FERRETDB_BIN, dataDir, database);
}

/**
 * Makes sure an embedded server can start, before anything waits for it: mongod where it can be
 * downloaded, else FerretDB built once (about a minute, `progress` says how it goes). Throws a
 * ConfigError naming MONGO_URL and what to install when neither is possible.
 */
export async function prepareEmbeddedMongo(
  progress: (line: string) => void,
): Promise<EmbeddedMongoKind> {
  const failures: string[] = [];
  if (await mongodObtainable()) {
    try {
      const { MongoBinary } = await import('mongodb-memory-server');
      await MongoBinary.getPath();
      return 'mongod';
    } catch (error) {
      failures.push(`mongodb-memory-server: ${error instanceof Error ? error.message : error}`);
    }
  } else {
    failures.push(`mongodb-memory-server: ${MONGOD_DOWNLOAD_HOST} unreachable, no mongod`);
  }
  if (await ferretDbBuilt(progress)) return 'ferretdb';
  failures.push(
    spawnSync('go', ['version']).status === 0
      ? `FerretDB: building it failed (bash ${FERRETDB_SETUP} shows why)`
      : 'FerretDB: it is built once from the Go module proxy, and that needs Go ≥ 1.24 (none found)',
  );
  throw new ConfigError(
    `MONGO_URL: unset and no embedded MongoDB-wire server can start; set MONGO_URL or install Go.\n  ${failures.join('\n  ')}`,
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

/** The project's own setup step, run on first need where Go is present. */
async function ferretDbBuilt(progress: (line: string) => void): Promise<boolean> {
  if (existsSync(FERRETDB_BIN)) return true;
  if (!existsSync(FERRETDB_SETUP) || spawnSync('go', ['version']).status !== 0) return false;
  progress('building FerretDB for the embedded MongoDB-wire server (once, about a minute)');
  const started = Date.now();
  const ticker = setInterval(
    () => progress(`still building FerretDB (${Math.round((Date.now() - started) / 1000)} s)`),
    PROGRESS_EVERY_MS,
  );
  const build = spawn('bash', [FERRETDB_SETUP], { stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [build.stdout, build.stderr]) {
    createInterface({ input: stream }).on('line', progress);
  }
  const code = await new Promise<number | null>((resolve) => build.once('exit', resolve));
  clearInterval(ticker);
  return code === 0 && existsSync(FERRETDB_BIN);
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
