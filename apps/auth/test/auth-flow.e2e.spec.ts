import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TokenVerifier } from '#identity';
import type { PostgresEndpoint } from '#platform';
import { testPostgres, type AppProcess } from '#testing';
import { call, customer, decodeSegment, login, register, startAuth } from './auth-http.js';

const ISSUER = 'http://auth.e2e';
const AUDIENCE = 'saga-e2e';

describe('auth over real HTTP: register, login, JWKS', () => {
  let postgres: PostgresEndpoint;
  let app: AppProcess;
  let verifier: TokenVerifier;

  before(async () => {
    postgres = await testPostgres();
    app = await startAuth(postgres, {
      JWT_ISSUER: ISSUER,
      JWT_AUDIENCE: AUDIENCE,
      ADMIN_USERNAME: 'Root',
      ADMIN_PASSWORD: 'root password 123',
      ORDERS_SERVICE_USERNAME: 'orders-svc',
      ORDERS_SERVICE_PASSWORD: 'service password 1',
    });
    const jwksUrl = `http://127.0.0.1:${app.httpPort}/.well-known/jwks.json`;
    verifier = new TokenVerifier({ jwksUrl, issuer: ISSUER, audience: AUDIENCE });
  });
  after(async () => {
    await app?.stop();
    await postgres?.close();
  });

  it('registers a customer, logs in and issues a token that verifies with the published JWKS', async () => {
    const registered = await register(app, 'Alice', 'correct horse 1');
    assert.equal(registered.status, 201);
    assert.deepEqual([registered.body.username, registered.body.role], ['alice', 'customer']);
    assert.ok(!('password_hash' in registered.body) && !('passwordHash' in registered.body));

    const loggedIn = await login(app, 'alice', 'correct horse 1');
    assert.equal(loggedIn.status, 200);
    assert.equal(loggedIn.headers.get('cache-control'), 'no-store');
    assert.deepEqual([loggedIn.body.token_type, loggedIn.body.expires_in], ['Bearer', 900]);
    const token = loggedIn.body.access_token as string;

    const caller = await verifier.verify(token);
    assert.deepEqual(
      [caller.subject, caller.role, caller.username],
      [registered.body.id, 'customer', 'alice'],
    );

    const jwks = await call(app, 'GET', '/.well-known/jwks.json');
    const keys = jwks.body.keys as Record<string, unknown>[];
    const header = decodeSegment(token, 0);
    assert.deepEqual(header, { alg: 'ES256', kid: keys.at(-1)!.kid, typ: 'JWT' });
    assert.ok(
      keys.every((key) => key.d === undefined),
      'no private member is published',
    );
    const claims = decodeSegment(token, 1);
    assert.deepEqual(Object.keys(claims).sort(), [
      'aud',
      'exp',
      'iat',
      'iss',
      'jti',
      'preferred_username',
      'role',
      'sub',
    ]);
    assert.deepEqual([claims.iss, claims.aud, claims.sub], [ISSUER, AUDIENCE, registered.body.id]);
    assert.equal((claims.exp as number) - (claims.iat as number), 900);
    assert.match(claims.jti as string, /^[0-9a-f-]{36}$/);
  });

  it('refuses a taken username with 409, whatever its case', async () => {
    assert.equal((await register(app, 'carol', 'correct horse 1')).status, 201);
    const again = await register(app, 'CAROL', 'another password');
    assert.equal(again.status, 409);
    assert.equal(again.body.title, 'USERNAME_TAKEN');
  });

  it('answers bad input with 400 and a message naming the problem, never 500', async () => {
    const long = 'x'.repeat(65);
    const cases: [path: string, body: unknown, detail: RegExp][] = [
      ['register', '{"username": "dave", "password": ', /JSON/],
      ['register', '[]', /JSON object with username and password/],
      ['register', '"just a string"', /JSON|object/],
      ['register', { password: 'correct horse 1' }, /username: is required/],
      ['register', { username: 'dave' }, /password: is required/],
      ['register', { username: 42, password: 'correct horse 1' }, /username: must be a string/],
      ['register', { username: 'dave', password: ['x'] }, /password: must be a string/],
      ['register', { username: long, password: 'correct horse 1' }, /at most 64/],
      ['register', { username: 'dave', password: 'p'.repeat(257) }, /at most 256/],
      ['register', { username: 'da ve', password: 'correct horse 1' }, /may contain only/],
      ['register', { username: 'dave', password: 'short' }, /at least 8/],
      [
        'register',
        { username: 'dave', password: 'correct horse 1', role: 'admin' },
        /unknown field/,
      ],
      ['login', '{not json', /JSON/],
      ['login', { username: null, password: 'x' }, /username: must be a string/],
      ['login', { username: long, password: 'x' }, /at most 64/],
      ['login', { username: 'a\u0000b', password: 'x' }, /control characters/],
      ['login', { username: 'alice', password: 'p'.repeat(257) }, /at most 256/],
    ];
    for (const [path, body, detail] of cases) {
      const reply = await call(app, 'POST', `/v1/auth/${path}`, { body });
      assert.equal(reply.status, 400, `${path} ${JSON.stringify(body)} → ${reply.status}`);
      assert.match(reply.body.detail as string, detail, JSON.stringify(body));
    }
    const form = await call(app, 'POST', '/v1/auth/login', {
      body: 'username=alice&password=correct+horse+1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(form.status, 400, 'only JSON bodies are read');
    const huge = await call(app, 'POST', '/v1/auth/login', {
      body: { username: 'alice', password: 'x'.repeat(100_000) },
    });
    assert.equal(huge.status, 413);
  });

  it('gives an unknown user and a wrong password the same 401', async () => {
    const wrong = await login(app, 'alice', 'wrong password');
    const unknown = await login(app, 'nobody-here', 'wrong password');
    assert.equal(wrong.status, 401);
    assert.deepEqual(unknown.body, wrong.body);
    assert.equal(unknown.status, wrong.status);
    assert.equal(wrong.body.detail, 'invalid username or password');
    const metrics = await (await fetch(`http://127.0.0.1:${app.httpPort}/metrics`)).text();
    const failed = /auth_login_attempts_total\{[^}]*outcome="invalid_credentials"[^}]*\} (\d+)/;
    assert.ok(Number(failed.exec(metrics)?.[1]) >= 2, 'failed logins are counted');
  });

  it('lets each customer read only their own account; the seeded admin reads any', async () => {
    const erin = await customer(app, 'erin');
    const frank = await customer(app, 'frank');
    const own = await call(app, 'GET', '/v1/auth/me', { token: erin.token });
    assert.deepEqual([own.status, own.body.username], [200, 'erin']);
    const direct = await call(app, 'GET', `/v1/auth/users/${erin.id}`, { token: erin.token });
    assert.equal(direct.status, 200);

    const other = await call(app, 'GET', `/v1/auth/users/${erin.id}`, { token: frank.token });
    assert.equal(other.status, 404, 'frank cannot read erin');
    assert.equal(JSON.stringify(other.body).includes('erin'), false);

    const root = await login(app, 'root', 'root password 123');
    const admin = await call(app, 'GET', `/v1/auth/users/${frank.id}`, {
      token: root.body.access_token as string,
    });
    assert.deepEqual([admin.status, admin.body.username], [200, 'frank']);

    assert.equal((await call(app, 'GET', '/v1/auth/me')).status, 401);
    assert.equal((await call(app, 'GET', '/v1/auth/me', { token: 'not.a.jwt' })).status, 401);
    const badId = await call(app, 'GET', '/v1/auth/users/42', { token: erin.token });
    assert.deepEqual([badId.status, badId.body.detail], [400, 'id: must be a UUID']);
  });

  it("issues orders' seeded service account a token with role service; registration never can", async () => {
    const service = await login(app, 'orders-svc', 'service password 1');
    assert.equal(service.status, 200);
    const caller = await verifier.verify(service.body.access_token as string);
    assert.deepEqual([caller.role, caller.username], ['service', 'orders-svc']);
    const taken = await register(app, 'Orders-Svc', 'correct horse 1');
    assert.equal(taken.status, 409, 'its name cannot be registered by a customer');
    const me = await call(app, 'GET', '/v1/auth/me', {
      token: service.body.access_token as string,
    });
    assert.equal(me.body.role, 'service');
  });
});
