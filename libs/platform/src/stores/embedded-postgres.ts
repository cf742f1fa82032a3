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
 * Uses DATABASE_URL when given, else runs PGlite in-process behind its socket server, keeping
 * the data in `dataDir` so a restarted app finds its orders and sagas again.
 */
export async function openPostgres(
  url: string | undefined,
  dataDir: string,
): Promise<PostgresEndpoint> {
  if (url) {
    return {
      url,
      maxPoolSize: 10,
      description: 'PostgreSQL (DATABASE_URL)',
      close: async () => {},
    };
  }
  await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir });
  const port = await freePort();
  // More than one socket connection or pools see ECONNRESET; PGlite still serialises queries.
  const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1', maxConnections: 8 });
  await server.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    maxPoolSize: 1,
    description: `embedded PGlite (${dataDir})`,
    close: async () => {
      await server.stop();
      await db.close();
    },
  };
}
