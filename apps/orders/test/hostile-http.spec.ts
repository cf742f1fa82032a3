import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { testIdentity, type Footprint, type TestIdentity } from '#testing';
import { startHostileSystem, type HostileSystem } from './support/hostile-system.js';
import {
  badTokens,
  INJECTIONS,
  KEPT_UNICODE,
  LONE_SURROGATES,
  OPERATORS,
  REFUSED_UNICODE,
} from './support/hostile-inputs.js';

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

const order = (fields: Record<string, unknown> = {}) => ({
  idempotency_key: randomUUID(),
  amount: { currency_code: 'EUR', amount_minor: 1_500 },
  description: 'hostile test',
  ...fields,
});

describe('hostile HTTP input through the gateway: right status, service up, nothing leaked', () => {
  let system: HostileSystem;
  let stranger: TestIdentity;
  let token: string;
  let baseline: Map<string, Footprint>;

  const send = async (
    path: string,
    body: string | undefined,
    headers: Record<string, string> = {},
    method = 'POST',
  ): Promise<Answer> => {
    const response = await fetch(`${system.gateway.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...headers },
      body,
    });
    const text = await response.text();
    try {
      return { status: response.status, body: JSON.parse(text) as Record<string, unknown> };
    } catch {
      return { status: response.status, body: { text } };
    }
  };
  const json = (path: string, value: unknown, method = 'POST') =>
    send(path, JSON.stringify(value), { 'content-type': 'application/json' }, method);
  /** Straight to an app's own port, past the gateway's limits. */
  const direct = async (port: number, path: string, value: unknown): Promise<Answer> => {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(value),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const ordersStored = async () => {
    const client = new pg.Client({ connectionString: system.ordersDb.url });
    await client.connect();
    try {
      return Number(
        (await client.query<{ n: string }>('SELECT count(*) AS n FROM orders')).rows[0]!.n,
      );
    } finally {
      await client.end();
    }
  };
  const refused = (answer: Answer, statuses: number[], what: string) =>
    assert.ok(
      statuses.includes(answer.status),
      `${what}: HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`,
    );

  before(async () => {
    [system, stranger] = await Promise.all([startHostileSystem(), testIdentity()]);
    token = await system.identity.token('mallory');
    assert.equal((await json('/v1/orders', order())).status, 201); // warm: pools, JWKS, channels
    baseline = await system.footprints();
  });
  after(async () => {
    await stranger?.close();
    await system?.stop();
  });

  it('refuses bodies of the wrong content type with 400 or 415 and creates nothing', async () => {
    const before = await ordersStored();
    const body = JSON.stringify(order());
    const types = [
      'text/plain',
      'application/xml',
      'multipart/form-data; boundary=x',
      'application/json; charset=utf-16',
      'application/octet-stream',
    ];
    for (const type of types) {
      refused(
        await send('/v1/orders', body, { 'content-type': type }),
        [400, 415],
        `orders ${type}`,
      );
      refused(
        await send(
          '/auth/v1/auth/register',
          JSON.stringify({ username: 'ct-user', password: 'long enough password' }),
          { 'content-type': type },
        ),
        [400, 415],
        `register ${type}`,
      );
    }
    const form = `idempotency_key=${randomUUID()}&amount[currency_code]=EUR&amount[amount_minor]=5`;
    refused(
      await send('/v1/orders', form, { 'content-type': 'application/x-www-form-urlencoded' }),
      [400, 415],
      'form',
    );
    refused(await send('/v1/orders', body), [400, 415], 'no content type');
    assert.equal(await ordersStored(), before);
  });

  it('answers malformed, deeply nested and huge JSON with 400, and 413 past 64 KiB', async () => {
    const deepArray = '['.repeat(30_000) + ']'.repeat(30_000);
    const deepObject = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    const manyKeys = JSON.stringify(
      Object.fromEntries(Array.from({ length: 4_000 }, (_, i) => [`k${i}`, i])),
    );
    const bodies = [
      '{',
      '{"idempotency_key":',
      '[1,]',
      'NaN',
      '{"a":1} trailing',
      'null',
      '"text"',
      '123',
      '[]',
      deepArray,
      deepObject,
      manyKeys,
      `{"idempotency_key":"k","amount":{"currency_code":"EUR","amount_minor":5},"description":${deepObject}}`,
      JSON.stringify(order({ description: 'x'.repeat(60_000) })),
      // A number JSON.parse reads as Infinity.
      JSON.stringify(order({ amount: { currency_code: 'EUR', amount_minor: 1 } })).replace(
        '"amount_minor":1',
        '"amount_minor":1e999',
      ),
    ];
    for (const body of bodies) {
      const answer = (path: string) => send(path, body, { 'content-type': 'application/json' });
      refused(await answer('/v1/orders'), [400], `orders ${body.slice(0, 40)}`);
      // auth takes JSON bodies up to 16 KiB only.
      refused(await answer('/auth/v1/auth/register'), [400, 413], `auth ${body.slice(0, 40)}`);
    }
    refused(
      await json('/v1/orders', order({ description: 'x'.repeat(80_000) })),
      [413],
      'over 64 KiB',
    );
  });

  it('answers wrong types with 400 naming the field', async () => {
    const amount = (amount_minor: unknown, currency_code: unknown = 'EUR') =>
      order({ amount: { currency_code, amount_minor } });
    const cases: Array<[unknown, RegExp]> = [
      ...['5', 5.5, -1, 0, 1e13, true, null, [5], { $gt: 0 }].map((v): [unknown, RegExp] => [
        amount(v),
        /amount_minor/,
      ]),
      ...[1, 'eur', 'XXX', null, ['EUR']].map((v): [unknown, RegExp] => [
        amount(5, v),
        /currency_code/,
      ]),
      ...[5, null, {}, '', [], ...OPERATORS].map((v): [unknown, RegExp] => [
        order({ idempotency_key: v }),
        /idempotency_key/,
      ]),
      ...[5, {}, [], ...OPERATORS].map((v): [unknown, RegExp] => [
        order({ description: v }),
        /description/,
      ]),
      ...['5', [], null, 5].map((v): [unknown, RegExp] => [order({ amount: v }), /amount/]),
      [order({ status: 'APPROVED' }), /status/],
      [order({ customer_id: 'someone-else' }), /customer_id/],
    ];
    for (const [body, field] of cases) {
      const answer = await json('/v1/orders', body);
      refused(answer, [400], JSON.stringify(body));
      assert.match(String(answer.body.detail), field, JSON.stringify(body));
    }
  });

  it('stores unicode verbatim or refuses it with 400, never replacing characters', async () => {
    for (const description of KEPT_UNICODE) {
      const created = await json('/v1/orders', order({ description }));
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const read = await send(`/v1/orders/${String(created.body.id)}`, undefined, {}, 'GET');
      assert.equal(read.body.description, description);
    }
    for (const description of [...REFUSED_UNICODE, ...LONE_SURROGATES]) {
      refused(await json('/v1/orders', order({ description })), [400], JSON.stringify(description));
    }
    for (const key of ['clé-ü', 'ключ', '鍵:1'])
      assert.equal((await json('/v1/orders', order({ idempotency_key: key }))).status, 201, key);
    for (const key of ['key\u202E', 'with space', 'nul\u0000', '\uD800'])
      refused(
        await json('/v1/orders', order({ idempotency_key: key })),
        [400],
        JSON.stringify(key),
      );
  });

  it('treats injection strings in every string field as inert data', async () => {
    let created = await ordersStored();
    for (const text of INJECTIONS) {
      const started = Date.now();
      const kept = await json('/v1/orders', order({ description: text }));
      assert.equal(kept.status, 201);
      created += 1;
      const read = await send(`/v1/orders/${String(kept.body.id)}`, undefined, {}, 'GET');
      assert.equal(read.body.description, text);
      const keyed = await json('/v1/orders', order({ idempotency_key: text }));
      refused(keyed, [201, 400], `key ${text}`);
      if (keyed.status === 201) created += 1;
      refused(
        await json('/v1/orders', order({ amount: { currency_code: text, amount_minor: 5 } })),
        [400],
        `currency ${text}`,
      );
      for (const path of [
        `/v1/orders/${encodeURIComponent(text)}`,
        `/v1/orders/${encodeURIComponent(text)}/saga`,
        `/v1/orders?page_token=${encodeURIComponent(text)}`,
        `/v1/orders?page_size=${encodeURIComponent(text)}`,
      ]) {
        refused(await send(path, undefined, {}, 'GET'), [400, 404], path);
      }
      refused(
        await json(`/v1/orders/${encodeURIComponent(text)}/cancel`, {}),
        [400, 404],
        `cancel ${text}`,
      );
      refused(
        await json('/auth/v1/auth/register', { username: text, password: 'long enough password' }),
        [400],
        `username ${text}`,
      );
      // The gateway's flood guard may answer 429 for login: auth's own port must judge them too.
      const login = { username: text, password: text };
      refused(await json('/auth/v1/auth/login', login), [400, 401, 429], `login ${text}`);
      refused(
        await direct(system.auth.httpPort, '/v1/auth/login', login),
        [400, 401],
        `auth ${text}`,
      );
      assert.ok(Date.now() - started < 5_000, `${text} took ${Date.now() - started} ms`);
    }
    for (const value of OPERATORS) {
      const login = { username: value, password: value };
      refused(
        await direct(system.auth.httpPort, '/v1/auth/login', login),
        [400],
        JSON.stringify(value),
      );
    }
    assert.equal(
      await ordersStored(),
      created,
      'the orders table holds exactly the orders created',
    );
  });

  it('refuses expired, forged and malformed tokens with 401', async () => {
    for (const [name, bad] of Object.entries(await badTokens(system.identity, stranger))) {
      for (const [path, method] of [
        ['/v1/orders', 'GET'],
        ['/v1/orders', 'POST'],
      ] as const) {
        const body = method === 'POST' ? JSON.stringify(order()) : undefined;
        const answer = await send(
          path,
          body,
          { authorization: `Bearer ${bad}`, 'content-type': 'application/json' },
          method,
        );
        assert.equal(answer.status, 401, `${name} ${method}: ${JSON.stringify(answer.body)}`);
      }
    }
    for (const header of ['Bearer', 'Basic YWRtaW46YWRtaW4=', `Bearer ${'x'.repeat(20_000)}`]) {
      refused(
        await send('/v1/orders', undefined, { authorization: header }, 'GET'),
        [400, 401, 431, 494],
        header.slice(0, 20),
      );
    }
  });

  it('stays up and ready, with no unhandled error and no leaked memory or descriptors', async () => {
    await system.assertHealthyAndNoLeaks(baseline, { fdSlack: 16, rssGrowthMb: 128 });
  });
});
