import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Toxiproxy as ToxiproxyClient, type Proxy as ToxiproxyProxy } from 'toxiproxy-node-client';
import { freePort, waitForPort } from '#platform';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export interface Toxic {
  name: string;
  type: 'latency' | 'reset_peer' | 'timeout' | 'slow_close';
  /** downstream: the upstream server's replies; upstream: the client's requests. */
  stream: 'downstream' | 'upstream';
  attributes: Record<string, number>;
}

const MODULE = 'github.com/Shopify/toxiproxy/v2/cmd/server@v2.5.0';
/** The client sets no deadline of its own; a wedged server must not hang a chaos run. */
const CALL_TIMEOUT_MS = 10_000;

/**
 * A Toxiproxy server of this run's own: TCP proxies between the apps and what they call, with
 * toxics (latency, resets) added and removed, and proxies disabled to drop every connection
 * through them. The HTTP API is spoken by toxiproxy-node-client; this class starts and stops the
 * server binary and keeps the small surface the chaos run and the tests use.
 */
export class Toxiproxy {
  /** Proxies created here, so a toxic or a switch needs no lookup first. */
  private readonly proxies = new Map<string, ToxiproxyProxy>();

  private constructor(
    private readonly child: ChildProcess,
    private readonly client: ToxiproxyClient,
  ) {}

  /**
   * Starts the binary from .tools/bin (TOXIPROXY_BIN overrides; built from the Go module proxy on
   * first use), its log into `logFile` if given.
   */
  static async start(logFile?: string): Promise<Toxiproxy> {
    const binary = process.env.TOXIPROXY_BIN ?? join(REPO_ROOT, '.tools/bin/toxiproxy-server');
    if (!existsSync(binary)) {
      const script = join(REPO_ROOT, 'scripts/tools/install-go-tool.sh');
      const built = spawnSync('bash', [script, 'toxiproxy-server', MODULE], { stdio: 'inherit' });
      if (built.status !== 0) throw new Error(`no ${binary}, and building it failed`);
    }
    const port = await freePort();
    const log = logFile ? openSync(logFile, 'a') : 'ignore';
    const child = spawn(binary, ['-host', '127.0.0.1', '-port', String(port)], {
      stdio: ['ignore', log, log],
      env: { ...process.env, LOG_LEVEL: 'warn' },
    });
    if (typeof log === 'number') closeSync(log);
    await waitForPort(port, 10_000);
    return new Toxiproxy(child, new ToxiproxyClient(`http://127.0.0.1:${port}`));
  }

  /** A proxy listening on a free loopback port in front of `upstream`; returns host:port. */
  async createProxy(name: string, upstream: string): Promise<string> {
    const listen = `127.0.0.1:${await freePort()}`;
    const proxy = await this.call(`create proxy ${name}`, () =>
      this.client.createProxy({ name, listen, upstream, enabled: true }),
    );
    this.proxies.set(name, proxy);
    return listen;
  }

  async addToxic(proxy: string, toxic: Toxic): Promise<void> {
    await this.call(`add toxic ${toxic.name} to ${proxy}`, async () =>
      (await this.proxy(proxy)).addToxic({ ...toxic, toxicity: 1 }),
    );
  }

  async removeToxic(proxy: string, name: string): Promise<void> {
    await this.call(`remove toxic ${name} from ${proxy}`, async () =>
      (await (await this.proxy(proxy)).getToxic(name)).remove(),
    );
  }

  /** Disabling closes every connection through the proxy and refuses new ones. */
  async setEnabled(proxy: string, enabled: boolean): Promise<void> {
    const updated = await this.call(`${enabled ? 'enable' : 'disable'} ${proxy}`, async () => {
      const current = await this.proxy(proxy);
      return current.update({ enabled, listen: current.listen, upstream: current.upstream });
    });
    this.proxies.set(proxy, updated);
  }

  /** Every proxy enabled, every toxic removed. */
  async reset(): Promise<void> {
    await this.call('reset', () => this.client.reset());
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }

  private async proxy(name: string): Promise<ToxiproxyProxy> {
    return this.proxies.get(name) ?? this.client.get(name);
  }

  /** The client's errors carry only the HTTP status: say what was being done. */
  private async call<T>(what: string, request: () => Promise<T>): Promise<T> {
    const deadline = new AbortController();
    const timeout = sleep(CALL_TIMEOUT_MS, undefined, { signal: deadline.signal }).then(() => {
      throw new Error(`no answer after ${CALL_TIMEOUT_MS} ms`);
    });
    try {
      return await Promise.race([request(), timeout]);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`toxiproxy ${what}: ${reason}`, { cause: error });
    } finally {
      deadline.abort();
    }
  }
}
