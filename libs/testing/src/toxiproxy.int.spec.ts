import assert from 'node:assert/strict';
import { connect, createServer, type Server } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Toxiproxy } from './toxiproxy.js';

/** One round trip through host:port: the time it took, or the connection error's code. */
function roundTrip(address: string): Promise<{ ms: number } | { error: string }> {
  const [host, port] = address.split(':');
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = connect({ host, port: Number(port) }, () => socket.write('ping'));
    socket.setTimeout(5_000, () => socket.destroy(new Error('ETIMEDOUT')));
    socket.once('data', () => {
      socket.destroy();
      resolve({ ms: Date.now() - started });
    });
    socket.once('error', (error: NodeJS.ErrnoException) =>
      resolve({ error: error.code ?? error.message }),
    );
    socket.once('close', () => resolve({ error: 'closed without a reply' }));
  });
}

/** The Toxiproxy class against the real server binary, with a TCP echo server upstream. */
describe('Toxiproxy', () => {
  let echo: Server;
  let toxiproxy: Toxiproxy;
  let proxied: string;

  before(async () => {
    // The reset_peer toxic resets the echo's side too: that is the fault under test, not an error.
    echo = createServer((socket) => socket.on('error', () => socket.destroy()).pipe(socket));
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    const { port } = echo.address() as { port: number };
    toxiproxy = await Toxiproxy.start();
    proxied = await toxiproxy.createProxy('echo', `127.0.0.1:${port}`);
  });
  after(async () => {
    await toxiproxy?.stop();
    await new Promise((resolve) => echo?.close(resolve));
  });

  it('forwards through the proxy; a latency toxic delays replies until it is removed', async () => {
    assert.ok('ms' in (await roundTrip(proxied)));
    await toxiproxy.addToxic('echo', {
      name: 'slow',
      type: 'latency',
      stream: 'downstream',
      attributes: { latency: 400, jitter: 0 },
    });
    const slow = await roundTrip(proxied);
    assert.ok('ms' in slow && slow.ms >= 400, `delayed: ${JSON.stringify(slow)}`);
    await toxiproxy.removeToxic('echo', 'slow');
    const fast = await roundTrip(proxied);
    assert.ok('ms' in fast && fast.ms < 400, `no longer delayed: ${JSON.stringify(fast)}`);
  });

  it('refuses connections while disabled and forwards again once enabled', async () => {
    await toxiproxy.setEnabled('echo', false);
    assert.deepEqual(await roundTrip(proxied), { error: 'ECONNREFUSED' });
    await toxiproxy.setEnabled('echo', true);
    assert.ok('ms' in (await roundTrip(proxied)));
  });

  it('reset removes every toxic and enables every proxy', async () => {
    await toxiproxy.addToxic('echo', {
      name: 'reset',
      type: 'reset_peer',
      stream: 'upstream',
      attributes: { timeout: 0 },
    });
    assert.ok('error' in (await roundTrip(proxied)), 'reset while the toxic is on');
    await toxiproxy.setEnabled('echo', false);
    await toxiproxy.reset();
    assert.ok('ms' in (await roundTrip(proxied)));
    // Adding it again would be a 409 had reset left the first one in place.
    await toxiproxy.addToxic('echo', {
      name: 'reset',
      type: 'reset_peer',
      stream: 'upstream',
      attributes: { timeout: 0 },
    });
    await toxiproxy.reset();
  });

  it('says what it was doing when the API refuses a call', async () => {
    await assert.rejects(
      toxiproxy.removeToxic('echo', 'never-added'),
      /toxiproxy remove toxic never-added from echo: .*404/,
    );
    await assert.rejects(
      toxiproxy.setEnabled('nowhere', false),
      /toxiproxy disable nowhere: .*404/,
    );
    await assert.rejects(
      toxiproxy.createProxy('echo', '127.0.0.1:1'),
      /toxiproxy create proxy echo: .*409/,
    );
  });
});
