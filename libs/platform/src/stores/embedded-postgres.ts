import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { freePort } from '../process/free-port.js';

/** A PostgreSQL the app can reach with the normal `pg` driver. */
export interface PostgresEndpoint {
  url: string;
  /** Embedded PGlite runs one query at a time: callers size their pool to this. */
  maxPoolSize: number;
  description: string;
  close(): Promise<void>;
}

/**
 * The pool size a URL asks for, as mongodb URLs do with `maxPoolSize`: an embedded PGlite's URL
 * says 1, so an app given that URL (tests share one across processes) sizes its pool to it.
 */
const POOL_PARAM = 'max_pool_size';
const SERVER_POOL = 10;
/** PGlite runs one session: several connections would interleave their statements in it. */
const PGLITE_POOL = 1;

/**
 * Uses DATABASE_URL when given, else runs PGlite in-process behind its socket server, keeping
 * the data in `dataDir` so a restarted app finds its orders and sagas again.
 */
export async function openPostgres(
  url: string | undefined,
  dataDir: string,
): Promise<PostgresEndpoint> {
  if (url) {
    const parsed = new URL(url);
    const asked = Number(parsed.searchParams.get(POOL_PARAM));
    parsed.searchParams.delete(POOL_PARAM);
    return {
      url: parsed.toString(),
      maxPoolSize: Number.isInteger(asked) && asked > 0 ? asked : SERVER_POOL,
      description: 'PostgreSQL (DATABASE_URL)',
      close: async () => {},
    };
  }
  await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir });
  const port = await freePort();
  // Room for the app's pool and a test's or tool's own connection beside it.
  const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1', maxConnections: 8 });
  await server.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable&${POOL_PARAM}=${PGLITE_POOL}`,
    maxPoolSize: PGLITE_POOL,
    description: `embedded PGlite (${dataDir})`,
    close: async () => {
      await server.stop();
      await db.close();
    },
  };
}
