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
  /** The slowest of each kind (p99 and max of the samples): what one hop can add to the tail. */
  tails: Record<'grpc' | 'pg' | 'mongo' | 'jwt', Tail>;
}

export interface Tail {
  p99: number;
  max: number;
}

interface Sampled {
  p50: number;
  tail: Tail;
}

const SAMPLES = 300;

async function sample(run: () => Promise<unknown>): Promise<Sampled> {
  for (let i = 0; i < 20; i += 1) await run(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i += 1) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return {
    p50: percentile(samples, 50),
    tail: { p99: percentile(samples, 99), max: Math.max(...samples) },
  };
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
  const grpc = await sample(() => health.check());
  health.close();
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  await client.query('CREATE TEMP TABLE floor (id uuid PRIMARY KEY, body text)');
  const postgres = await sample(async () => {
    await client.query('BEGIN');
    await client.query('INSERT INTO floor VALUES ($1, $2)', [randomUUID(), 'x']);
    await client.query('COMMIT');
  });
  await client.end();
  const connection = await mongoose.createConnection(mongoUrl).asPromise();
  const collection = connection.db!.collection<{ _id: string }>('floor');
  const mongo = await sample(() => collection.insertOne({ _id: randomUUID() }));
  await connection.dropDatabase();
  await connection.close();
  const jwt = await jwtFloor();
  return {
    grpcRoundTripMs: grpc.p50,
    pgInsertCommitMs: postgres.p50,
    mongoInsertMs: mongo.p50,
    jwtVerifyMs: jwt.p50,
    tails: { grpc: grpc.tail, pg: postgres.tail, mongo: mongo.tail, jwt: jwt.tail },
  };
}

async function jwtFloor(): Promise<Sampled> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const keys = createLocalJWKSet({
    keys: [{ ...(await exportJWK(publicKey)), kid: 'k', alg: 'ES256' }],
  });
  const token = await new SignJWT({ role: 'customer' })
    .setProtectedHeader({ alg: 'ES256', kid: 'k' })
    .setSubject('floor')
    .setExpirationTime('5m')
    .sign(privateKey);
  return sample(() => jwtVerify(token, keys, { algorithms: ['ES256'] }));
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
