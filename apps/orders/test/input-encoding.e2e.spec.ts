import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { status } from '@grpc/grpc-js';
import { freePort, type MongoEndpoint, type PostgresEndpoint } from '#platform';
import {
  startApp,
  testIdentity,
  testMongo,
  testPostgres,
  type AppProcess,
  type TestIdentity,
} from '#testing';
import { CREATE, PROCESS, createBody, money } from './support/grpc-bodies.js';
import { bytesField, rawUnary } from './support/grpc-raw.js';
import { ON_BEHALF_OF } from '#identity';

// "bad " then two bytes that are no UTF-8 at all.
const INVALID_UTF8 = Buffer.from([0x62, 0x61, 0x64, 0x20, 0xff, 0xfe]);

describe('input encoding and field names on orders and payments', () => {
  let identity: TestIdentity;
  let db: PostgresEndpoint;
  let mongo: MongoEndpoint;
  let orders: AppProcess;
  let payments: AppProcess;
  let token: string;
  before(async () => {
    [identity, db, mongo] = await Promise.all([testIdentity(), testPostgres(), testMongo()]);
    payments = await startApp('payments', {
      grpc: true,
      env: { ...identity.env, MONGO_URL: mongo.url },
    });
    orders = await startApp('orders', {
      grpc: true,
      env: {
        ...identity.env,
        DATABASE_URL: db.url,
        PAYMENTS_GRPC_URL: `127.0.0.1:${await freePort()}`,
      },
    });
    token = await identity.token('mallory');
  });
  after(async () => {
    await Promise.all([orders?.stop(), payments?.stop()]);
    await Promise.all([db?.close(), mongo?.close(), identity?.close()]);
  });

  const post = (body: string | Buffer, contentType = 'application/json') =>
    fetch(`http://127.0.0.1:${orders.httpPort}/v1/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
      body,
    });
  const orderJson = (description: string) =>
    `{"idempotency_key":"${randomUUID()}","amount":{"currency_code":"EUR","amount_minor":500},"description":"${description}"}`;

  it('gRPC: invalid UTF-8 in a string field is INVALID_ARGUMENT naming the field, not replaced', async () => {
    const refused = await rawUnary(
      `127.0.0.1:${orders.grpcPort}`,
      CREATE,
      createBody(INVALID_UTF8),
      { authorization: `Bearer ${token}` },
    );
    assert.equal(refused.code, status.INVALID_ARGUMENT, refused.details);
    assert.match(refused.details, /description: must be valid UTF-8/);
    const charge = Buffer.concat([
      bytesField(1, randomUUID()),
      bytesField(2, INVALID_UTF8),
      money(),
    ]);
    // As orders calls payments: its service token, the customer's on behalf of.
    const asOrders = {
      authorization: `Bearer ${await identity.serviceToken()}`,
      [ON_BEHALF_OF]: token,
    };
    const onPayments = await rawUnary(`127.0.0.1:${payments.grpcPort}`, PROCESS, charge, asOrders);
    assert.equal(onPayments.code, status.INVALID_ARGUMENT, onPayments.details);
    assert.match(onPayments.details, /customer_id: must be valid UTF-8/);
  });

  it('gRPC: a U+FFFD the caller really sent is kept', async () => {
    const kept = await rawUnary(`127.0.0.1:${orders.grpcPort}`, CREATE, createBody('ok \uFFFD'), {
      authorization: `Bearer ${token}`,
    });
    assert.notEqual(kept.code, status.INVALID_ARGUMENT, kept.details);
  });

  it('HTTP: invalid UTF-8 in a JSON body is 400, the same body well-formed is accepted', async () => {
    const [before, after] = orderJson('XX').split('XX') as [string, string];
    const bad = await post(Buffer.concat([Buffer.from(before), INVALID_UTF8, Buffer.from(after)]));
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { detail: string }).detail, /must be valid UTF-8/);
    const good = await post(orderJson('ok \uFFFD'));
    assert.equal(good.status, 201, await good.text());
  });

  it('HTTP: a text/plain body gets 415 saying the body must be JSON', async () => {
    const res = await post(orderJson('plain'), 'text/plain');
    assert.equal(res.status, 415);
    const { title, detail } = (await res.json()) as { title: string; detail: string };
    assert.equal(title, 'UNSUPPORTED_MEDIA_TYPE');
    assert.match(detail, /must be JSON: Content-Type application\/json \(got text\/plain\)/);
  });

  it('validation errors name fields as the input spelled them: snake_case on HTTP and gRPC', async () => {
    const res = await post(
      `{"idempotency_key":"${randomUUID()}","amount":{"currency_code":"EUR","amount_minor":-5}}`,
    );
    assert.equal(res.status, 400);
    assert.match(((await res.json()) as { detail: string }).detail, /^amount\.amount_minor: /);
    const body = Buffer.concat([bytesField(1, ''), money(0n), bytesField(3, 'x')]);
    const grpc = await rawUnary(`127.0.0.1:${orders.grpcPort}`, CREATE, body, {
      authorization: `Bearer ${token}`,
    });
    assert.equal(grpc.code, status.INVALID_ARGUMENT);
    assert.match(grpc.details, /idempotency_key: /);
    assert.match(grpc.details, /amount\.amount_minor: /);
    assert.doesNotMatch(grpc.details, /idempotencyKey|amountMinor/);
  });
});
