import { randomUUID } from 'node:crypto';
import { createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT } from 'jose';
import mongoose from 'mongoose';
import pg from 'pg';
import { grpcHealthClient } from '#testing';
import { percentile } from './stats.js';

export interface Floor {
  grpcRoundTripMs: number;
  pgInsertCommitMs: number;
  mongoInsertMs: number;
  jwtVerifyMs: number;
}

const SAMPLES = 300;

async function p50(run: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 20; i += 1) await run(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i += 1) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return percentile(samples, 50);
}

/**
 * The physical floor of one order on this machine, measured in the same run as the load: a bare
 * gRPC unary round trip (the health service on payments' server: no Nest, no auth), one
 * PostgreSQL insert+commit, one MongoDB-wire insert, one ES256 JWT verification.
 */
export async function measureFloor(
  grpcPort: number,
  postgresUrl: string,
  mongoUrl: string,
): Promise<Floor> {
  const health = grpcHealthClient(grpcPort);
  const grpcRoundTripMs = await p50(() => health.check());
  health.close();
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  await client.query('CREATE TEMP TABLE floor (id uuid PRIMARY KEY, body text)');
  const pgInsertCommitMs = await p50(async () => {
    await client.query('BEGIN');
    await client.query('INSERT INTO floor VALUES ($1, $2)', [randomUUID(), 'x']);
    await client.query('COMMIT');
  });
  await client.end();
  const connection = await mongoose.createConnection(mongoUrl).asPromise();
  const collection = connection.db!.collection<{ _id: string }>('floor');
  const mongoInsertMs = await p50(() => collection.insertOne({ _id: randomUUID() }));
  await connection.dropDatabase();
  await connection.close();
  return { grpcRoundTripMs, pgInsertCommitMs, mongoInsertMs, jwtVerifyMs: await jwtFloor() };
}

async function jwtFloor(): Promise<number> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const keys = createLocalJWKSet({
    keys: [{ ...(await exportJWK(publicKey)), kid: 'k', alg: 'ES256' }],
  });
  const token = await new SignJWT({ role: 'customer' })
    .setProtectedHeader({ alg: 'ES256', kid: 'k' })
    .setSubject('floor')
    .setExpirationTime('5m')
    .sign(privateKey);
  return p50(() => jwtVerify(token, keys, { algorithms: ['ES256'] }));
}

/**
 * What one CreateOrder cannot avoid: the client's hop and orders' hop to payments (2 round trips),
 * a token check in each service (2), the order+saga write and the final approval (2 PostgreSQL
 * commits) and the payment document (1 MongoDB-wire insert).
 */
export function floorSum(floor: Floor): number {
  return (
    2 * floor.grpcRoundTripMs +
    2 * floor.jwtVerifyMs +
    2 * floor.pgInsertCommitMs +
    floor.mongoInsertMs
  );
}
