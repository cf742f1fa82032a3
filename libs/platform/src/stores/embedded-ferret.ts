import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { freePort, waitForPort } from '../process/free-port.js';
import type { MongoEndpoint } from './mongo-endpoint.js';

/**
 * The client's pool for FerretDB 1.24 on SQLite. Its SQLite pool opens at most 100 connections
 * per database, and a findAndModify or update holds two at once (the query's cursor, then the
 * update's transaction) with no deadline: 100 such commands at once each hold one and wait for
 * a second forever (goroutine dump in docs/reliability.md). A pool of P clients needs at most 2P
 * of them, and SQLite has one writer anyway, so a small pool also avoids a busy-wait convoy.
 */
export const FERRET_SQLITE_POOL = 8;
const CLOSE_GRACE_MS = 5_000;

/** Starts FerretDB on SQLite files in `dataDir`; a FerretDB left there by a killed app goes first. */
export async function startFerret(
  binary: string,
  dataDir: string,
  database: string,
): Promise<MongoEndpoint> {
  await mkdir(dataDir, { recursive: true });
  const pidFile = `${dataDir}/ferretdb.pid`;
  await stopLeftover(pidFile, dataDir);
  const port = await freePort();
  const child: ChildProcess = spawn(
    binary,
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
  // It dies with its app: an app that exits (a crash, process.exit) leaves no server behind.
  const killWithApp = () => child.kill('SIGKILL');
  process.once('exit', killWithApp);
  child.once('exit', () => process.off('exit', killWithApp));
  let closing = false;
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) =>
      resolve(
        `embedded FerretDB ${signal ? `was killed by ${signal}` : `exited with code ${code}`}`,
      ),
    ),
  );
  await Promise.race([
    waitForPort(port, 15_000),
    exited.then((how) => Promise.reject(new Error(`${how} at start`))),
  ]);
  await writeFile(pidFile, String(child.pid));
  return {
    url: `mongodb://127.0.0.1:${port}/${database}?maxPoolSize=${FERRET_SQLITE_POOL}`,
    description: `embedded FerretDB on SQLite (${dataDir})`,
    lost: exited.then((how) => (closing ? new Promise<string>(() => {}) : how)),
    pid: child.pid,
    close: async () => {
      closing = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      // A stopped (SIGSTOP) or wedged server never acts on SIGTERM.
      const kill = setTimeout(() => child.kill('SIGKILL'), CLOSE_GRACE_MS);
      await exited;
      clearTimeout(kill);
    },
  };
}

/** A FerretDB still serving this folder (its app was SIGKILLed) would share the SQLite files. */
async function stopLeftover(pidFile: string, dataDir: string): Promise<void> {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  if (!Number.isInteger(pid) || pid <= 0 || !isFerretFor(pid, dataDir)) return;
  process.kill(pid, 'SIGKILL');
  for (let i = 0; i < 100 && isFerretFor(pid, dataDir); i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function isFerretFor(pid: number, dataDir: string): boolean {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes('ferretdb') && cmdline.includes(`--state-dir=${dataDir}\0`);
  } catch {
    return false;
  }
}
