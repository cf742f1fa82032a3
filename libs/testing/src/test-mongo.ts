import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { openMongo, type MongoEndpoint } from '#platform';

/**
 * A fresh database for one test file on the MongoDB-wire server in MONGO_URL (CI runs FerretDB
 * on PostgreSQL), else an embedded server in a temp folder. Dropped on close.
 */
export async function testMongo(): Promise<MongoEndpoint> {
  const name = `test_${randomBytes(6).toString('hex')}`;
  const serverUrl = process.env.MONGO_URL;
  if (!serverUrl) {
    const dir = await mkdtemp(join(tmpdir(), 'saga-mongo-'));
    const endpoint = await openMongo(undefined, dir, name);
    return {
      ...endpoint,
      close: async () => {
        await endpoint.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    description: `MongoDB-wire database ${name}`,
    close: async () => {
      const connection = await mongoose.createConnection(url.toString()).asPromise();
      try {
        await connection.dropDatabase();
      } finally {
        await connection.close();
      }
    },
  };
}
