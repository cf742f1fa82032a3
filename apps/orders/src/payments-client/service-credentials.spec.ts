import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ServiceCredentials } from './service-credentials.js';

/** An unsigned token expiring in `seconds`: ServiceCredentials only reads its `exp`. */
function tokenExpiringIn(seconds: number, label: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const exp = Math.floor(Date.now() / 1000) + seconds;
  return `${part({ alg: 'none' })}.${part({ exp, sub: label })}.`;
}

// auth is outside the unit under test: a stand-in answers its login route as told.
describe('ServiceCredentials', () => {
  let server: Server;
  let authUrl: string;
  let logins = 0;
  let answer: () => { status: number; token?: string };

  before(async () => {
    server = createServer((_req, res) => {
      logins += 1;
      const { status, token } = answer();
      res.statusCode = status;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(token ? { access_token: token, token_type: 'Bearer' } : {}));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    authUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => (logins = 0));

  const account = () =>
    new ServiceCredentials({ authUrl, username: 'orders-svc', password: 'service password 1' });

  it('logs in once and reuses the token until shortly before it expires', async () => {
    answer = () => ({ status: 200, token: tokenExpiringIn(900, 'first') });
    const credentials = account();
    const [a, b] = await Promise.all([credentials.token(), credentials.token()]);
    assert.equal(await credentials.token(), a);
    assert.equal(b, a);
    assert.equal(logins, 1);
  });

  it('refreshes a token within a minute of its expiry', async () => {
    answer = () => ({ status: 200, token: tokenExpiringIn(30, `token-${logins}`) });
    const credentials = account();
    const first = await credentials.token();
    const second = await credentials.token();
    assert.notEqual(second, first);
    assert.equal(logins, 2);
  });

  it('keeps the still-valid token when a refresh fails (auth restarting)', async () => {
    answer = () => ({ status: 200, token: tokenExpiringIn(30, 'valid-for-30s') });
    const credentials = account();
    const held = await credentials.token();
    answer = () => ({ status: 503 });
    assert.equal(await credentials.token(), held);
    assert.equal(logins, 2, 'it did try to refresh');
  });

  it('fails naming the login when no valid token is held', async () => {
    answer = () => ({ status: 401 });
    await assert.rejects(account().token(), /service login at .* failed with HTTP 401/);
  });

  it('has no token (and no login) without a configured account', async () => {
    assert.equal(await new ServiceCredentials({ authUrl }).token(), undefined);
    assert.equal(logins, 0);
  });
});
