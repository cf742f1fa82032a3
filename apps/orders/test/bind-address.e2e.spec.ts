import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  NAMESPACE_ADDRESS,
  networkNamespaceUnavailable,
  startInNetworkNamespace,
  type NamespacedApp,
} from '#testing';

// Ports of the namespace's own: nothing else listens in there.
const HTTP = 3002;
const GRPC = 50051;
const targets = (host: string) => [`${host}:${HTTP}`, `${host}:${GRPC}`];

/**
 * orders in development, alone in a network namespace whose "machine" has a second address: it
 * must answer on the loopback only. With BIND_ADDRESS=0.0.0.0 the same probe finds it on the
 * other address, which shows the probe would see a listener there.
 */
describe(
  'listeners bind to the loopback in development',
  { skip: networkNamespaceUnavailable() ?? false },
  () => {
    const dirs: string[] = [];
    after(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

    async function start(extra: Record<string, string>): Promise<NamespacedApp> {
      const dir = await mkdtemp(join(tmpdir(), 'saga-bind-'));
      dirs.push(dir);
      // Embedded PGlite: the host's servers are not reachable from inside the namespace.
      const {
        DATABASE_URL: _db,
        BIND_ADDRESS: _bind,
        ...env
      } = process.env as Record<string, string>;
      const app = startInNetworkNamespace('orders', {
        ...env,
        NODE_ENV: 'development',
        HTTP_PORT: String(HTTP),
        GRPC_PORT: String(GRPC),
        DATA_DIR: dir,
        OTEL_SDK_DISABLED: 'true',
        ...extra,
      });
      const deadline = Date.now() + 60_000;
      while (!app.output.some((line) => line.includes('orders listening'))) {
        if (app.child.exitCode !== null || Date.now() > deadline) {
          await app.stop();
          throw new Error(`orders did not start:\n${app.output.join('\n')}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      return app;
    }

    it('accepts HTTP and gRPC connections on 127.0.0.1 and refuses them on the other address', async () => {
      const app = await start({});
      try {
        const states = await app.probe([...targets('127.0.0.1'), ...targets(NAMESPACE_ADDRESS)]);
        assert.deepEqual(states, {
          [`127.0.0.1:${HTTP}`]: 'open',
          [`127.0.0.1:${GRPC}`]: 'open',
          [`${NAMESPACE_ADDRESS}:${HTTP}`]: 'refused',
          [`${NAMESPACE_ADDRESS}:${GRPC}`]: 'refused',
        });
      } finally {
        await app.stop();
      }
    });

    it('listens on every address when BIND_ADDRESS=0.0.0.0, as containers set it', async () => {
      const app = await start({ BIND_ADDRESS: '0.0.0.0' });
      try {
        const states = await app.probe(targets(NAMESPACE_ADDRESS));
        assert.deepEqual(Object.values(states), ['open', 'open']);
      } finally {
        await app.stop();
      }
    });
  },
);
