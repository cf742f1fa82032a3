import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { before, describe, it } from 'node:test';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { SignJWT } from 'jose';
import { TokenVerifier } from '#identity';
import { AUTH_STATES } from '../../../../scripts/pact/auth-states.js';
import { PACT_DIR, PACTICIPANTS, pactFile } from '../../../../scripts/pact/pact-files.js';
import { ServiceCredentials } from '../../src/payments-client/service-credentials.js';
import {
  exampleAccessToken,
  FIXTURE_KID,
  fixtureSigningKey,
} from './support/fixture-signing-key.js';

const { eachLike, integer, like, regex } = MatchersV3;
const ISSUER = 'http://auth.pact';
const AUDIENCE = 'saga-workspace';
const SERVICE_ACCOUNT = { username: 'orders-service', password: 'orders-service-password' };
const JWS_COMPACT = '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$';
const COORDINATE = '^[A-Za-z0-9_-]{43}$'; // a base64url P-256 coordinate
const TOKEN = exampleAccessToken({
  iss: ISSUER,
  aud: AUDIENCE,
  sub: 'orders-service',
  role: 'service',
  jti: '00000000-0000-4000-8000-000000000000',
  iat: 4_102_444_000,
  exp: 4_102_444_900,
});

// orders verifies every caller's token against auth's JWKS (libs/identity's TokenVerifier) and
// logs in as its service account (ServiceCredentials), whose token every charge and refund
// carries. The login's shape is what orders relies on; that auth gives a seeded service account
// the role `service` is auth's own test (apps/auth/test/auth-flow.spec.ts).
describe('orders → auth pact (HTTP, real TokenVerifier and ServiceCredentials)', () => {
  const key = fixtureSigningKey();
  let pact: PactV4;
  before(async () => {
    await rm(pactFile(PACTICIPANTS.orders, PACTICIPANTS.auth), { force: true });
    pact = new PactV4({
      consumer: PACTICIPANTS.orders,
      provider: PACTICIPANTS.auth,
      dir: PACT_DIR,
      logLevel: 'warn',
    });
  });

  it('orders verifies a token signed with a key the JWKS publishes', () =>
    pact
      .addInteraction()
      .uponReceiving('GET /.well-known/jwks.json returns the public ES256 signing keys with kid')
      .withRequest('GET', '/.well-known/jwks.json')
      .willRespondWith(200, (response) =>
        response.jsonBody({
          keys: eachLike({
            ...key.publicJwk,
            kid: like(FIXTURE_KID),
            x: regex(COORDINATE, key.publicJwk.x!),
            y: regex(COORDINATE, key.publicJwk.y!),
          }),
        }),
      )
      .executeTest(async (mock) => {
        const verifier = new TokenVerifier({
          jwksUrl: `${mock.url}/.well-known/jwks.json`,
          issuer: ISSUER,
          audience: AUDIENCE,
        });
        const token = await new SignJWT({ role: 'customer' })
          .setProtectedHeader({ alg: 'ES256', kid: FIXTURE_KID })
          .setIssuer(ISSUER)
          .setAudience(AUDIENCE)
          .setSubject('customer-7')
          .setJti(randomUUID())
          .setIssuedAt()
          .setExpirationTime('5m')
          .sign(key.privateKey);
        const caller = await verifier.verify(token);
        assert.deepEqual([caller.subject, caller.role], ['customer-7', 'customer']);
      }));

  it('the service account logs in and orders takes the bearer access token', () =>
    pact
      .addInteraction()
      .given(AUTH_STATES.userExists, SERVICE_ACCOUNT)
      .uponReceiving('POST /v1/auth/login with valid credentials returns a bearer access token')
      .withRequest('POST', '/v1/auth/login', (request) => request.jsonBody(SERVICE_ACCOUNT))
      .willRespondWith(200, (response) =>
        response.jsonBody({
          access_token: regex(JWS_COMPACT, TOKEN),
          token_type: 'Bearer',
          expires_in: integer(900),
        }),
      )
      .executeTest(async (mock) => {
        const credentials = new ServiceCredentials({ authUrl: mock.url, ...SERVICE_ACCOUNT });
        assert.equal(await credentials.token(), TOKEN);
      }));

  it('a wrong password is 401, and orders reports the failed service login', () =>
    pact
      .addInteraction()
      .given(AUTH_STATES.userExists, SERVICE_ACCOUNT)
      .uponReceiving('POST /v1/auth/login with a wrong password is refused with 401')
      .withRequest('POST', '/v1/auth/login', (request) =>
        request.jsonBody({ ...SERVICE_ACCOUNT, password: 'not-the-password' }),
      )
      .willRespondWith(401)
      .executeTest(async (mock) => {
        const credentials = new ServiceCredentials({
          authUrl: mock.url,
          username: SERVICE_ACCOUNT.username,
          password: 'not-the-password',
        });
        await assert.rejects(credentials.token(), /failed with HTTP 401/);
      }));
});
