import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Footprint } from '#testing';
import { GatewayClient, order, refused } from './support/gateway-client.js';
import { KEPT_UNICODE, LONE_SURROGATES, REFUSED_UNICODE } from './support/hostile-inputs.js';
import { malformedBodies, wrongTypes } from './support/hostile-json.js';
import { startHostileSystem, type HostileSystem } from './support/hostile-system.js';

describe('hostile HTTP bodies through the gateway: right status, service up, nothing leaked', () => {
  let system: HostileSystem;
  let http: GatewayClient;
  let baseline: Map<string, Footprint>;
  const stored = async () => (await system.orderIds()).length;

  before(async () => {
    system = await startHostileSystem();
    http = new GatewayClient(system.gateway.url, await system.identity.token('mallory'));
    assert.equal((await http.json('/v1/orders', order())).status, 201); // warm pools, JWKS, channels
    baseline = await system.footprints();
  });
  after(() => system?.stop());

  it('refuses bodies of the wrong content type with 400 or 415 and creates nothing', async () => {
    const before = await stored();
    const body = JSON.stringify(order());
    const account = JSON.stringify({ username: 'ct-user', password: 'long enough password' });
    const types = [
      'text/plain',
      'application/xml',
      'multipart/form-data; boundary=x',
      'application/json; charset=utf-16',
      'application/octet-stream',
    ];
    for (const type of types) {
      const headers = { 'content-type': type };
      refused(await http.send('/v1/orders', body, headers), [400, 415], `orders ${type}`);
      refused(await http.send('/auth/v1/auth/register', account, headers), [400, 415], type);
    }
    // A form that would be a valid order if its strings were coerced to numbers.
    const form = `idempotency_key=${randomUUID()}&amount[currency_code]=EUR&amount[amount_minor]=5`;
    const formType = { 'content-type': 'application/x-www-form-urlencoded' };
    refused(await http.send('/v1/orders', form, formType), [400, 415], 'form');
    refused(await http.send('/v1/orders', body), [400, 415], 'no content type');
    assert.equal(await stored(), before);
  });

  it('answers malformed, deeply nested and huge JSON with 400, and 413 past 64 KiB', async () => {
    for (const body of malformedBodies()) {
      const answer = (path: string) =>
        http.send(path, body, { 'content-type': 'application/json' });
      refused(await answer('/v1/orders'), [400], `orders ${body.slice(0, 40)}`);
      // auth takes JSON bodies up to 16 KiB only.
      refused(await answer('/auth/v1/auth/register'), [400, 413], `auth ${body.slice(0, 40)}`);
    }
    const huge = order({ description: 'x'.repeat(80_000) });
    refused(await http.json('/v1/orders', huge), [413], 'over 64 KiB');
  });

  it('answers wrong types with 400 naming the field', async () => {
    for (const [body, field] of wrongTypes()) {
      const answer = await http.json('/v1/orders', body);
      refused(answer, [400], JSON.stringify(body));
      assert.match(String(answer.body.detail), field, JSON.stringify(body));
    }
  });

  it('stores unicode verbatim or refuses it with 400, never replacing characters', async () => {
    for (const description of KEPT_UNICODE) {
      const created = await http.json('/v1/orders', order({ description }));
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const read = await http.get(`/v1/orders/${String(created.body.id)}`);
      assert.equal(read.body.description, description);
    }
    for (const description of [...REFUSED_UNICODE, ...LONE_SURROGATES]) {
      const answer = await http.json('/v1/orders', order({ description }));
      refused(answer, [400], JSON.stringify(description));
    }
    for (const key of ['clé-ü', 'ключ', '鍵:1']) {
      assert.equal((await http.json('/v1/orders', order({ idempotency_key: key }))).status, 201);
    }
    for (const key of ['key\u202E', 'with space', 'nul\u0000', '\uD800']) {
      const answer = await http.json('/v1/orders', order({ idempotency_key: key }));
      refused(answer, [400], JSON.stringify(key));
    }
  });

  it('stays up and ready, with no unhandled error and no leaked memory or descriptors', async () => {
    await system.assertHealthyAndNoLeaks(baseline, { fdSlack: 16, rssGrowthMb: 128 });
  });
});
