import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import { connect, type ClientHttp2Session } from 'node:http2';
import { after, before, describe, it } from 'node:test';
import type { Footprint } from '#testing';
import { grpcFrame } from './support/grpc-raw.js';
import { startHostileSystem, type HostileSystem } from './support/hostile-system.js';

const CONNECTIONS = 1_000;
const HEALTH = '/grpc.health.v1.Health/Check';

/** A GET on its own connection; resolves with the status, or the error's code. */
function get(agent: Agent, url: string, token: string): Promise<number | string> {
  return new Promise((resolve) => {
    const req = request(url, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    req.setTimeout(60_000, () => req.destroy(new Error('timeout')));
    req.end();
  });
}

/** A gRPC health check over a session of its own; resolves with grpc-status, or the error. */
function healthCheck(session: ClientHttp2Session): Promise<string> {
  return new Promise((resolve) => {
    let status = 'no status';
    try {
      const stream = session.request({
        ':method': 'POST',
        ':path': HEALTH,
        'content-type': 'application/grpc',
        te: 'trailers',
      });
      stream.on('response', (headers) => (status = String(headers['grpc-status'] ?? status)));
      stream.on('trailers', (trailers) => (status = String(trailers['grpc-status'] ?? status)));
      stream.on('error', (error: NodeJS.ErrnoException) => (status = error.code ?? error.message));
      stream.on('close', () => resolve(status));
      stream.resume();
      stream.end(grpcFrame(Buffer.alloc(0)));
    } catch (error) {
      resolve((error as NodeJS.ErrnoException).code ?? String(error)); // the session died first
    }
  });
}

function closeSession(session: ClientHttp2Session): Promise<void> {
  if (session.closed || session.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    session.once('close', () => resolve());
    session.close();
  });
}

const tally = (results: Array<number | string>) => {
  const counts = new Map<number | string, number>();
  for (const result of results) counts.set(result, (counts.get(result) ?? 0) + 1);
  return JSON.stringify(Object.fromEntries(counts));
};

describe(`${CONNECTIONS} concurrent connections to the gateway and the gRPC ports`, () => {
  let system: HostileSystem;
  let token: string;
  let baseline: Map<string, Footprint>;

  before(async () => {
    system = await startHostileSystem();
    token = await system.identity.token('crowd');
    const warm = new Agent();
    assert.equal(await get(warm, `${system.gateway.url}/v1/orders?page_size=1`, token), 200);
    warm.destroy();
    baseline = await system.footprints();
  });
  after(() => system?.stop());

  it('answers every one of 1,000 HTTP clients at once through the gateway', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
    try {
      const url = `${system.gateway.url}/v1/orders?page_size=1`;
      const results = await Promise.all(
        Array.from({ length: CONNECTIONS }, () => get(agent, url, token)),
      );
      assert.equal(results.filter((r) => r === 200).length, CONNECTIONS, tally(results));
    } finally {
      agent.destroy();
    }
  });

  for (const target of ['gateway', 'orders', 'payments'] as const) {
    it(`answers gRPC health on 1,000 HTTP/2 connections at once to ${target}`, async () => {
      const port = target === 'gateway' ? system.gateway.grpcPort : system[target].grpcPort!;
      const sessions = Array.from({ length: CONNECTIONS }, () => {
        const session = connect(`http://127.0.0.1:${port}`);
        session.on('error', () => {});
        return session;
      });
      try {
        const results = await Promise.all(sessions.map(healthCheck));
        assert.equal(results.filter((r) => r === '0').length, CONNECTIONS, tally(results));
      } finally {
        await Promise.all(sessions.map(closeSession));
      }
    });
  }

  it('stays up and ready afterwards, with descriptors and memory back near the baseline', async () => {
    await system.assertHealthyAndNoLeaks(baseline, {
      fdSlack: 16,
      rssGrowthMb: 160,
      settleMs: 30_000,
    });
  });
});
