import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { describe, it } from 'node:test';
import { freePort, waitForPort } from './free-port.js';

function listen(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

const close = (server: Server) => new Promise((resolve) => server.close(resolve));

describe('freePort', () => {
  it('never hands out the same port twice in one process, even before any is bound', async () => {
    const ports = await Promise.all(Array.from({ length: 50 }, () => freePort()));
    assert.equal(new Set(ports).size, ports.length);
  });

  it('returns a port that can be bound on loopback', async () => {
    const server = await listen(await freePort());
    await close(server);
  });
});

describe('waitForPort', () => {
  it('resolves once something starts listening on the port', async () => {
    const port = await freePort();
    let server: Server | undefined;
    const late = setTimeout(() => void listen(port).then((s) => (server = s)), 300);
    try {
      await waitForPort(port, 5_000);
      assert.ok(server, 'resolved only after the listener was up');
    } finally {
      clearTimeout(late);
      if (server) await close(server);
    }
  });

  it('rejects, naming host and port, when nothing listens before the deadline', async () => {
    const port = await freePort();
    await assert.rejects(waitForPort(port, 250), new RegExp(`127\\.0\\.0\\.1:${port}`));
  });
});
