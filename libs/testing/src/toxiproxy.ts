import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

/**
 * A Toxiproxy server of this run's own, driven over its HTTP API: TCP proxies between the apps
 * and what they call, with toxics (latency, resets) added and removed, and proxies disabled to
 * drop every connection through them.
 */
export class Toxiproxy {
  private constructor(
    private readonly child: ChildProcess,
    private readonly api: string,
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
    return new Toxiproxy(child, `http://127.0.0.1:${port}`);
  }

  /** A proxy listening on a free loopback port in front of `upstream`; returns host:port. */
  async createProxy(name: string, upstream: string): Promise<string> {
    const listen = `127.0.0.1:${await freePort()}`;
    await this.call('POST', '/proxies', { name, listen, upstream, enabled: true });
    return listen;
  }

  async addToxic(proxy: string, toxic: Toxic): Promise<void> {
    await this.call('POST', `/proxies/${proxy}/toxics`, { ...toxic, toxicity: 1 });
  }

  async removeToxic(proxy: string, name: string): Promise<void> {
    await this.call('DELETE', `/proxies/${proxy}/toxics/${name}`);
  }

  /** Disabling closes every connection through the proxy and refuses new ones. */
  async setEnabled(proxy: string, enabled: boolean): Promise<void> {
    await this.call('POST', `/proxies/${proxy}`, { enabled });
  }

  /** Every proxy enabled, every toxic removed. */
  async reset(): Promise<void> {
    await this.call('POST', '/reset');
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }

  private async call(method: string, path: string, body?: object): Promise<void> {
    const response = await fetch(`${this.api}${path}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    if (!response.ok)
      throw new Error(`toxiproxy ${method} ${path}: HTTP ${response.status} ${text}`);
  }
}
