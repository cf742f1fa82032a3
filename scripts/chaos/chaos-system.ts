import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import {
  ADMIN,
  authEnv,
  ORDERS_SERVICE,
  login,
  ordersEnv,
  paymentsEnv,
  startApp,
  Toxiproxy,
  UNLIMITED_SIGN_INS,
  type AppProcess,
} from '#testing';
import type { ChaosStores, ServerStores } from './chaos-stores.js';

export const PROXIES = {
  ordersPayments: 'orders-payments',
  ordersPostgres: 'orders-postgres',
  authPostgres: 'auth-postgres',
  paymentsMongo: 'payments-mongo',
} as const;

type AppName = 'auth' | 'payments' | 'orders';
export const ISSUER = 'http://auth.chaos';

/**
 * auth, payments and orders as real processes with Toxiproxy between orders and payments and
 * between each app and its database. Killed apps restart on the same ports with the same
 * environment; every process's output is kept for the run's log folder.
 */
export class ChaosSystem {
  private readonly apps = new Map<AppName, AppProcess>();
  private readonly envs = new Map<AppName, Record<string, string | undefined>>();
  private stopped = false;
  /** Every process each app has been, in order (a kill and restart adds one). */
  private readonly lives = new Map<AppName, AppProcess[]>();

  private constructor(
    readonly toxiproxy: Toxiproxy,
    readonly stores: ChaosStores,
    private readonly runDir: string,
  ) {}

  static async start(
    runDir: string,
    stores: ChaosStores,
    ordersOverrides: Record<string, string>,
  ): Promise<ChaosSystem> {
    const toxiproxy = await Toxiproxy.start(join(runDir, 'toxiproxy.log'));
    const system = new ChaosSystem(toxiproxy, stores, runDir);
    const stored = stores.servers
      ? await system.serverWiring(stores.servers)
      : embeddedWiring(stores.dataRoot);
    await system.launch('auth', {
      ...authEnv({
        issuer: ISSUER,
        databaseUrl: stored.auth.DATABASE_URL ?? '',
        admin: ADMIN,
        service: ORDERS_SERVICE,
        redisUrl: stores.servers?.redisUrl,
        label: 'chaos',
      }),
      ...UNLIMITED_SIGN_INS,
      ...stored.auth,
    });
    const payments = await system.launch('payments', {
      ...paymentsEnv(ISSUER, system.authUrl, ''),
      ...stored.payments,
    });
    const paymentsGrpc = `127.0.0.1:${payments.grpcPort}`;
    await system.launch('orders', {
      ...ordersEnv({
        issuer: ISSUER,
        authUrl: system.authUrl,
        databaseUrl: '',
        paymentsGrpc: await toxiproxy.createProxy(PROXIES.ordersPayments, paymentsGrpc),
        service: ORDERS_SERVICE,
      }),
      ...ordersOverrides,
      ...stored.orders,
    });
    return system;
  }

  /** Each app's database through its Toxiproxy proxy, so the resets can cut it. */
  private async serverWiring(servers: ServerStores): Promise<StoreWiring> {
    const via = async (proxy: string, url: string) => {
      const target = new URL(url);
      target.host = await this.toxiproxy.createProxy(proxy, target.host);
      return target.toString();
    };
    return {
      auth: { DATABASE_URL: await via(PROXIES.authPostgres, servers.authDb.url) },
      payments: { MONGO_URL: await via(PROXIES.paymentsMongo, servers.paymentsDb.url) },
      orders: { DATABASE_URL: await via(PROXIES.ordersPostgres, servers.ordersDb.url) },
    };
  }

  /** SIGSTOPs payments' embedded FerretDB (store-freeze); returns its pid for thawStore. */
  async freezeStore(): Promise<number> {
    const pidFile = join(this.stores.dataRoot, 'payments', 'mongo', 'ferretdb.pid');
    const pid = Number(await readFile(pidFile, 'utf8'));
    process.kill(pid, 'SIGSTOP');
    return pid;
  }

  thawStore(pid: number): void {
    try {
      process.kill(pid, 'SIGCONT');
    } catch {
      // gone meanwhile (payments killed and restarted): nothing to thaw
    }
  }

  get authUrl(): string {
    return `http://127.0.0.1:${this.app('auth').httpPort}`;
  }

  get ordersUrl(): string {
    return `http://127.0.0.1:${this.app('orders').httpPort}`;
  }

  /** A customer's token, registering the customer on first use. */
  customerToken(username: string): Promise<string> {
    return login(this.app('auth').httpPort, username, 'chaos customer password');
  }

  adminToken(): Promise<string> {
    return login(this.app('auth').httpPort, ADMIN.username, ADMIN.password);
  }

  async rollOrders(env: Record<string, string>): Promise<void> {
    await this.app('orders').stop('SIGTERM');
    this.envs.set('orders', { ...this.envs.get('orders')!, ...env });
    await this.restart('orders');
  }

  async kill(name: AppName): Promise<void> {
    await this.app(name).stop('SIGKILL');
  }

  /** Starts a killed app again on its ports, with its environment. */
  async restart(name: AppName): Promise<void> {
    const { httpPort, grpcPort } = this.app(name);
    const ports = {
      HTTP_PORT: String(httpPort),
      ...(grpcPort ? { GRPC_PORT: String(grpcPort) } : {}),
    };
    await this.launch(name, { ...this.envs.get(name)!, ...ports });
  }

  isRunning(name: AppName): boolean {
    const { child } = this.app(name);
    return child.exitCode === null && child.signalCode === null;
  }

  /** Sagas not yet terminal, read from orders' database directly (NaN on embedded stores). */
  async sagasUnderWay(): Promise<number> {
    if (!this.stores.servers) return NaN;
    const rows = await this.ordersQuery<{ n: string }>(
      `SELECT count(*) AS n FROM saga_instances WHERE status IN ('RUNNING', 'COMPENSATING')`,
    );
    return Number(rows[0]!.n);
  }

  async ordersByStatus(
    ordersDbUrl = this.stores.servers?.ordersDb.url,
  ): Promise<Record<string, number>> {
    const rows = await this.ordersQuery<{ status: string; n: string }>(
      'SELECT status, count(*) AS n FROM orders GROUP BY status',
      ordersDbUrl,
    );
    return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
  }

  /** Stops everything and writes each app's output (all its lives) into the run folder. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await Promise.allSettled([...this.apps.values()].map((app) => app.stop()));
    await this.toxiproxy.stop();
    for (const [name, lives] of this.lives) {
      const text = lives.map((app, i) => [`---- ${name} life ${i + 1}`, ...app.output].join('\n'));
      await writeFile(join(this.runDir, `${name}.log`), `${text.join('\n')}\n`);
    }
  }

  private async ordersQuery<T extends pg.QueryResultRow>(
    sql: string,
    url = this.stores.servers?.ordersDb.url,
  ): Promise<T[]> {
    if (!url) throw new Error("orders' embedded database cannot be read while orders runs");
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<T>(sql)).rows;
    } finally {
      await client.end();
    }
  }

  private async launch(
    name: AppName,
    env: Record<string, string | undefined>,
  ): Promise<AppProcess> {
    this.envs.set(name, env);
    const app = await startApp(name, {
      grpc: name !== 'auth',
      env: { LOG_LEVEL: 'warn', ...env },
      timeoutMs: 60_000,
    });
    this.apps.set(name, app);
    this.lives.set(name, [...(this.lives.get(name) ?? []), app]);
    return app;
  }

  private app(name: AppName): AppProcess {
    const app = this.apps.get(name);
    if (!app) throw new Error(`${name} was never started`);
    return app;
  }
}

type StoreWiring = Record<AppName, Record<string, string | undefined>>;

/** No server URLs: each app opens its embedded store in its own DATA_DIR, as `npm start`. */
function embeddedWiring(dataRoot: string): StoreWiring {
  const own = (name: AppName) => ({ DATA_DIR: join(dataRoot, name) });
  return {
    auth: { DATABASE_URL: undefined, REDIS_URL: undefined, ...own('auth') },
    payments: { MONGO_URL: undefined, ...own('payments') },
    orders: { DATABASE_URL: undefined, ...own('orders') },
  };
}
