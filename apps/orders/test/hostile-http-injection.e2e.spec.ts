import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testIdentity, type Footprint, type TestIdentity } from '#testing';
import { GatewayClient, order, refused } from './support/gateway-client.js';
import { badTokens, INJECTIONS, OPERATORS } from './support/hostile-inputs.js';
import { startHostileSystem, type HostileSystem } from './support/hostile-system.js';

describe('injections and bad tokens over HTTP through the gateway: inert, refused, no leaks', () => {
  let system: HostileSystem;
  let stranger: TestIdentity;
  let http: GatewayClient;
  let baseline: Map<string, Footprint>;
  const direct = (path: string, value: unknown) =>
    GatewayClient.direct(system.auth.httpPort, path, value);

  before(async () => {
    [system, stranger] = await Promise.all([startHostileSystem(), testIdentity()]);
    http = new GatewayClient(system.gateway.url, await system.identity.token('mallory'));
    assert.equal((await http.json('/v1/orders', order())).status, 201); // warm pools, JWKS, channels
    baseline = await system.footprints();
  });
  after(async () => {
    await stranger?.close();
    await system?.stop();
  });

  it('treats injection strings in every string field as inert data', async () => {
    let created = (await system.orderIds()).length;
    for (const text of INJECTIONS) {
      const started = Date.now();
      const kept = await http.json('/v1/orders', order({ description: text }));
      assert.equal(kept.status, 201);
      created += 1;
      assert.equal((await http.get(`/v1/orders/${String(kept.body.id)}`)).body.description, text);
      const keyed = await http.json('/v1/orders', order({ idempotency_key: text }));
      refused(keyed, [201, 400], `key ${text}`);
      if (keyed.status === 201) created += 1;
      const currency = order({ amount: { currency_code: text, amount_minor: 5 } });
      refused(await http.json('/v1/orders', currency), [400], `currency ${text}`);
      const inPath = encodeURIComponent(text);
      for (const path of [
        `/v1/orders/${inPath}`,
        `/v1/orders/${inPath}/saga`,
        `/v1/orders?page_token=${inPath}`,
        `/v1/orders?page_size=${inPath}`,
      ]) {
        refused(await http.get(path), [400, 404], path);
      }
      refused(await http.json(`/v1/orders/${inPath}/cancel`, {}), [400, 404], `cancel ${text}`);
      const account = { username: text, password: 'long enough password' };
      refused(await http.json('/auth/v1/auth/register', account), [400], `username ${text}`);
      // The gateway's flood guard may answer 429 for login: auth's own port must judge them too.
      const login = { username: text, password: text };
      refused(await http.json('/auth/v1/auth/login', login), [400, 401, 429], `login ${text}`);
      refused(await direct('/v1/auth/login', login), [400, 401], `auth ${text}`);
      assert.ok(Date.now() - started < 5_000, `${text} took ${Date.now() - started} ms`);
    }
    for (const value of OPERATORS) {
      const login = { username: value, password: value };
      refused(await direct('/v1/auth/login', login), [400], JSON.stringify(value));
    }
    const stored = (await system.orderIds()).length;
    assert.equal(stored, created, 'the orders table holds exactly the orders created');
  });

  it('refuses expired, forged and malformed tokens with 401', async () => {
    for (const [name, bad] of Object.entries(await badTokens(system.identity, stranger))) {
      const headers = { authorization: `Bearer ${bad}`, 'content-type': 'application/json' };
      const listed = await http.send('/v1/orders', undefined, headers, 'GET');
      assert.equal(listed.status, 401, `${name} GET: ${JSON.stringify(listed.body)}`);
      const placed = await http.send('/v1/orders', JSON.stringify(order()), headers);
      assert.equal(placed.status, 401, `${name} POST: ${JSON.stringify(placed.body)}`);
    }
    for (const header of ['Bearer', 'Basic YWRtaW46YWRtaW4=', `Bearer ${'x'.repeat(20_000)}`]) {
      const answer = await http.send('/v1/orders', undefined, { authorization: header }, 'GET');
      refused(answer, [400, 401, 431, 494], header.slice(0, 20));
    }
  });

  it('stays up and ready, with no unhandled error and no leaked memory or descriptors', async () => {
    await system.assertHealthyAndNoLeaks(baseline, { fdSlack: 16, rssGrowthMb: 128 });
  });
});
