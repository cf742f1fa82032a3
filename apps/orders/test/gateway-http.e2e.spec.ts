import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { freePort, type PostgresEndpoint } from '#platform';
import { startApp, startGateway, testPostgres, type AppProcess, type Gateway } from '#testing';

const probe = () => `probe-${randomBytes(6).toString('hex')}`;

/** The first line the app logged containing `text` (request logs are written after the response). */
async function appLogLine(app: AppProcess, text: string): Promise<string | undefined> {
  const deadline = Date.now() + 3_000;
  while (Date.now() < deadline) {
    const line = app.output.find((candidate) => candidate.includes(text));
    if (line) return line;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return undefined;
}

describe('NGINX gateway, HTTP, in front of the real auth and orders', () => {
  let databases: PostgresEndpoint[];
  let auth: AppProcess;
  let orders: AppProcess;
  let gateway: Gateway;
  let upstreams: { authHttp: string; ordersHttp: string; ordersGrpc: string };

  before(async () => {
    databases = await Promise.all([testPostgres(), testPostgres()]);
    auth = await startApp('auth', { env: { DATABASE_URL: databases[0]!.url } });
    const jwks = `http://127.0.0.1:${auth.httpPort}/.well-known/jwks.json`;
    orders = await startApp('orders', {
      grpc: true,
      env: { DATABASE_URL: databases[1]!.url, AUTH_JWKS_URL: jwks },
    });
    upstreams = {
      authHttp: `127.0.0.1:${auth.httpPort}`,
      ordersHttp: `127.0.0.1:${orders.httpPort}`,
      ordersGrpc: `127.0.0.1:${orders.grpcPort}`,
    };
    gateway = await startGateway(upstreams);
  });
  after(async () => {
    await gateway?.stop();
    await Promise.all([auth?.stop(), orders?.stop()]);
    await Promise.all((databases ?? []).map((database) => database.close()));
  });

  it('answers its own /healthz', async () => {
    const res = await fetch(`${gateway.url}/healthz`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok' });
  });

  it('serves each app’s readiness under its prefix', async () => {
    for (const path of ['/auth/health/ready', '/orders/health/ready']) {
      const res = await fetch(`${gateway.url}${path}`);
      assert.equal(res.status, 200, path);
      assert.equal(((await res.json()) as { status: string }).status, 'ok');
      assert.equal(res.headers.get('x-powered-by'), null);
    }
  });

  it('sends /auth/… to auth and /orders/… to orders without the prefix, /v1/orders as is', async () => {
    const [toAuth, toOrders, toApi] = [probe(), probe(), probe()];
    await fetch(`${gateway.url}/auth/${toAuth}`);
    await fetch(`${gateway.url}/orders/${toOrders}`);
    await fetch(`${gateway.url}/v1/orders/${toApi}`);
    assert.match((await appLogLine(auth, toAuth)) ?? '', new RegExp(`"url":"/${toAuth}"`));
    assert.match((await appLogLine(orders, toOrders)) ?? '', new RegExp(`"url":"/${toOrders}"`));
    assert.match(
      (await appLogLine(orders, toApi)) ?? '',
      new RegExp(`"url":"/v1/orders/${toApi}"`),
    );
    assert.equal(
      orders.output.find((line) => line.includes(toAuth)),
      undefined,
    );
    assert.equal(
      auth.output.find((line) => line.includes(toOrders) || line.includes(toApi)),
      undefined,
    );
  });

  it('sends the JWKS path to auth', async () => {
    await fetch(`${gateway.url}/.well-known/jwks.json`);
    const record = await gateway.waitForAccess((r) => r.uri === '/.well-known/jwks.json');
    assert.equal(record.upstream, upstreams.authHttp);
  });

  it('keeps /metrics private', async () => {
    for (const path of ['/auth/metrics', '/orders/metrics', '/auth/METRICS', '/orders/metrics/']) {
      assert.equal((await fetch(`${gateway.url}${path}`)).status, 404, path);
      const record = await gateway.waitForAccess((r) => r.uri === path);
      assert.equal(record.upstream, '', `${path} reached an upstream`);
    }
  });

  it('refuses an oversized body with 413 before it reaches orders', async () => {
    const body = JSON.stringify({ description: 'x'.repeat(100 * 1024) });
    const res = await fetch(`${gateway.url}/v1/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    assert.equal(res.status, 413);
    assert.equal(((await res.json()) as { status: number }).status, 413);
    const record = await gateway.waitForAccess((r) => r.uri === '/v1/orders' && r.status === 413);
    assert.equal(record.upstream, '');
  });

  it('logs JSON with the caller’s trace id, or starts a trace the app joins', async () => {
    const traceId = randomBytes(16).toString('hex');
    const traced = probe();
    await fetch(`${gateway.url}/auth/${traced}`, {
      headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
    });
    assert.equal((await gateway.waitForAccess((r) => r.uri.endsWith(traced))).trace_id, traceId);

    const untraced = probe();
    const res = await fetch(`${gateway.url}/auth/${untraced}`);
    const record = await gateway.waitForAccess((r) => r.uri.endsWith(untraced));
    assert.match(record.request_id, /^[0-9a-f]{32}$/);
    assert.equal(record.trace_id, record.request_id);
    assert.equal(res.headers.get('x-request-id'), record.request_id);
    assert.match(
      (await appLogLine(auth, untraced)) ?? '',
      new RegExp(`"trace_id":"${record.trace_id}"`),
    );
  });

  it('answers 502 with a problem document when an upstream is down', async () => {
    const broken = await startGateway({ ...upstreams, authHttp: `127.0.0.1:${await freePort()}` });
    try {
      const res = await fetch(`${broken.url}/auth/health/ready`);
      assert.equal(res.status, 502);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      assert.equal(((await res.json()) as { title: string }).title, 'Bad Gateway');
    } finally {
      await broken.stop();
    }
  });

  it('rate limits the login route per client address with 429', async () => {
    // A gateway of its own: the limit's state must not leak into, or come from, other tests.
    const limited = await startGateway(upstreams);
    try {
      // All at once, well past the burst, so a slow machine cannot refill the bucket in between.
      // Distinct usernames keep auth's own per-username limit out of the picture; every spelling
      // auth's router accepts for the login route counts, and so does the console's sign-in.
      const spellings = [
        '/auth/v1/auth/login',
        '/auth/v1/auth/LOGIN',
        '/auth/v1/auth/login/',
        '/console/api/login',
      ];
      const responses = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          fetch(`${limited.url}${spellings[i % spellings.length]}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ username: `user-${i}`, password: 'wrong-password' }),
          }),
        ),
      );
      await Promise.all(responses.map((res) => res.arrayBuffer()));
      const statuses = responses.map((res) => res.status);
      assert.ok(
        statuses.some((status) => status !== 429),
        `none reached auth: ${statuses}`,
      );
      await limited.waitForAccess(() => limited.accessLog().length >= responses.length);
      const limitedHere = limited.accessLog().filter((r) => r.status === 429 && r.upstream === '');
      for (const spelling of spellings) {
        assert.ok(
          limitedHere.some((r) => r.uri === spelling),
          `${spelling} was never limited: ${statuses}`,
        );
      }
      // What got through reached auth's own login route, prefix stripped.
      assert.ok(await appLogLine(auth, '"url":"/v1/auth/login"'), 'auth never saw /v1/auth/login');
      const refused = responses.find((res) => res.status === 429)!;
      assert.equal(refused.headers.get('retry-after'), '1');
      // The limit is the login route's only: the rest of auth still answers.
      assert.equal((await fetch(`${limited.url}/auth/health/ready`)).status, 200);
    } finally {
      await limited.stop();
    }
  });
});
