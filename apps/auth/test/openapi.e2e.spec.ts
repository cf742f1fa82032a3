import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { PostgresEndpoint } from '#platform';
import {
  exchange,
  mappedRoutes,
  OpenApiChecker,
  testPostgres,
  type AppProcess,
  type ExchangeOptions,
  type OpenApiLike,
} from '#testing';
import { authOpenApi } from '../src/openapi/auth.openapi.js';
import { startAuth } from './auth-http.js';

const COMMITTED = new URL('../../../../docs/api/auth.openapi.json', import.meta.url);
const PASSWORD = 'correct horse 1';

/** auth's real answers, every route and the statuses it documents, held against /openapi.json. */
describe('auth answers as its OpenAPI document says', () => {
  let postgres: PostgresEndpoint;
  let app: AppProcess;
  let served: OpenApiLike;
  const problems: string[] = [];
  let checker: OpenApiChecker;

  const check = async (method: string, path: string, status: number, options?: ExchangeOptions) => {
    const answer = await exchange(`http://127.0.0.1:${app.httpPort}`, method, path, options);
    assert.equal(answer.status, status, `${method} ${path}: ${JSON.stringify(answer.body)}`);
    problems.push(...checker.problems(answer));
    return answer.body as Record<string, unknown>;
  };

  before(async () => {
    postgres = await testPostgres();
    app = await startAuth(postgres, {
      LOGIN_LIMIT_PER_USERNAME: '2',
      REGISTER_LIMIT_PER_ADDRESS: '6',
    });
    served = (await (
      await fetch(`http://127.0.0.1:${app.httpPort}/openapi.json`)
    ).json()) as OpenApiLike;
    checker = new OpenApiChecker(served);
  });
  after(async () => {
    await app?.stop();
    await postgres?.close();
  });

  it('serves the document built from its schemas, the one committed in docs/api', () => {
    assert.deepEqual(served, JSON.parse(JSON.stringify(authOpenApi())));
    assert.deepEqual(served, JSON.parse(readFileSync(COMMITTED, 'utf8')));
  });

  it('answers every documented route as documented', async () => {
    const username = `oa-${randomUUID().slice(0, 8)}`;
    const user = await check('POST', '/v1/auth/register', 201, {
      body: { username, password: PASSWORD },
    });
    await check('POST', '/v1/auth/register', 409, { body: { username, password: PASSWORD } });
    await check('POST', '/v1/auth/register', 400, { body: { username, password: 'short' } });
    const { access_token: token } = await check('POST', '/v1/auth/login', 200, {
      body: { username, password: PASSWORD },
    });
    await check('POST', '/v1/auth/login', 400, { body: { username } });
    const other = `oa-${randomUUID().slice(0, 8)}`;
    await check('POST', '/v1/auth/login', 401, { body: { username: other, password: 'wrong' } });
    await check('POST', '/v1/auth/login', 401, { body: { username: other, password: 'wrong' } });
    await check('POST', '/v1/auth/login', 429, { body: { username: other, password: 'wrong' } });
    const auth = { token: token as string };
    await check('GET', '/v1/auth/me', 200, auth);
    await check('GET', '/v1/auth/me', 401);
    await check('GET', `/v1/auth/users/${user.id as string}`, 200, auth);
    await check('GET', `/v1/auth/users/${randomUUID()}`, 404, auth);
    await check('GET', '/v1/auth/users/not-a-uuid', 400, auth);
    await check('GET', '/.well-known/jwks.json', 200);
    for (const path of ['/health/live', '/health/ready', '/metrics', '/openapi.json', '/docs/']) {
      await check('GET', path, 200);
    }
    await check('GET', '/docs', 302);
    // Registrations per address run out (REGISTER_LIMIT_PER_ADDRESS=6): the 429 is documented too.
    let status = 0;
    for (let i = 0; i < 6 && status !== 429; i += 1) {
      const body = { username: `oa-${randomUUID().slice(0, 8)}`, password: PASSWORD };
      status = (
        await exchange(`http://127.0.0.1:${app.httpPort}`, 'POST', '/v1/auth/register', { body })
      ).status;
    }
    await check('POST', '/v1/auth/register', 429, {
      body: { username: `oa-${randomUUID().slice(0, 8)}`, password: PASSWORD },
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(checker.unexercised(), []);
  });

  it('documents every route the app mapped', () => {
    const routes = mappedRoutes(app.output);
    assert.ok(routes.length >= 8, app.output.join('\n'));
    assert.deepEqual(checker.undocumented(routes), []);
  });

  it('fails the check for a route left out of the document (deliberate mistake)', async () => {
    const { '/v1/auth/me': _left, ...paths } = served.paths;
    const lacking = new OpenApiChecker({ ...served, paths } as OpenApiLike);
    assert.deepEqual(lacking.undocumented(mappedRoutes(app.output)), ['GET /v1/auth/me']);
    const answer = await exchange(`http://127.0.0.1:${app.httpPort}`, 'GET', '/v1/auth/me');
    assert.match(
      lacking.problems(answer)[0] ?? '',
      /GET \/v1\/auth\/me → 401: no documented operation/,
    );
  });
});
