import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ADMIN,
  authEnv,
  login,
  ORDERS_SERVICE,
  ordersEnv,
  paymentsEnv,
  startApp,
  startGateway,
  startGrpcBalancer,
  Toxiproxy,
  UNLIMITED_SIGN_INS,
  type AppProcess,
  type Gateway,
  type GrpcBalancer,
} from '#testing';
import type { ChaosStores, ServerStores } from './chaos-stores.js';
import { ISSUER, PROXIES } from './chaos-system.js';
import type { ChaosTarget } from './chaos-target.js';
import { ordersByStatus, sagasUnderWay } from './orders-db.js';
import { ReplicaSet } from './replica-set.js';

/**
 * Several replicas of orders and of payments, as production runs them:
 *
 *   driver ─▶ NGINX gateway ─▶ orders × N ─[orders-payments]─▶ NGINX gRPC balancer ─▶ payments × N
 *
 * with Toxiproxy on the same hops as the single-process run (orders→payments, every app→its
 * store), so every fault kind applies unchanged; a replica's lease, claim and `SKIP LOCKED` are
 * what keep two engines from running one saga.
 */
export class ReplicatedSystem implements ChaosTarget {
  private constructor(
    readonly toxiproxy: Toxiproxy,
    readonly stores: ChaosStores,
    private readonly runDir: string,
    private readonly auth: AppProcess,
    readonly payments: ReplicaSet,
    readonly orders: ReplicaSet,
    private readonly balancer: GrpcBalancer,
    private readonly gateway: Gateway,
  ) {}

  static async start(
    runDir: string,
    stores: ChaosStores,
    ordersOverrides: Record<string, string>,
    replicas: number,
  ): Promise<ReplicatedSystem> {
    const servers = stores.servers;
    if (!servers) throw new Error('replicas share servers: --replicas cannot run on --embedded');
    const toxiproxy = await Toxiproxy.start(join(runDir, 'toxiproxy.log'));
    const started: { stop(): Promise<unknown> }[] = [toxiproxy];
    const keep = <T extends { stop(): Promise<unknown> }>(part: T) => (started.push(part), part);
    const via = async (proxy: string, url: string) => {
      const target = new URL(url);
      target.host = await toxiproxy.createProxy(proxy, target.host);
      return target.toString();
    };
    try {
      const authDb = await via(PROXIES.authPostgres, servers.authDb.url);
      const auth = keep(await startApp('auth', { env: authEnvOf(authDb, servers.redisUrl) }));
      const authUrl = `http://127.0.0.1:${auth.httpPort}`;
      const mongoUrl = await via(PROXIES.paymentsMongo, servers.paymentsDb.url);
      const payments = keep(
        await ReplicaSet.start('payments', replicas, paymentsEnv(ISSUER, authUrl, mongoUrl)),
      );
      const balancer = keep(await startGrpcBalancer(payments.addresses('grpc')));
      const ordersWiring = {
        issuer: ISSUER,
        authUrl,
        databaseUrl: await via(PROXIES.ordersPostgres, servers.ordersDb.url),
        paymentsGrpc: await toxiproxy.createProxy(PROXIES.ordersPayments, balancer.address),
        service: ORDERS_SERVICE,
      };
      const orders = keep(
        await ReplicaSet.start('orders', replicas, {
          ...ordersEnv(ordersWiring),
          ...ordersOverrides,
        }),
      );
      const gateway = await startGateway({
        authHttp: `127.0.0.1:${auth.httpPort}`,
        ordersHttp: orders.addresses('http'),
        ordersGrpc: orders.addresses('grpc'),
      });
      return new ReplicatedSystem(
        toxiproxy,
        stores,
        runDir,
        auth,
        payments,
        orders,
        balancer,
        gateway,
      );
    } catch (error) {
      for (const part of started.reverse()) await part.stop().catch(() => undefined);
      throw error;
    }
  }

  get ordersUrl(): string {
    return this.gateway.url;
  }

  get authUrl(): string {
    return `http://127.0.0.1:${this.auth.httpPort}`;
  }

  customerToken(username: string): Promise<string> {
    return login(this.auth.httpPort, username, 'chaos customer password');
  }

  adminToken(): Promise<string> {
    return login(this.auth.httpPort, ADMIN.username, ADMIN.password);
  }

  async rollOrders(env: Record<string, string>): Promise<void> {
    this.orders.changeEnv(env);
    for (const i of indexes(this.orders)) {
      await this.orders.terminate(i);
      await this.orders.restart(i);
    }
  }

  async kill(name: 'payments' | 'orders'): Promise<void> {
    const set = this[name];
    await Promise.all(indexes(set).map((i) => set.kill(i)));
  }

  async restart(name: 'payments' | 'orders'): Promise<void> {
    const set = this[name];
    for (const i of indexes(set)) if (!set.isRunning(i)) await set.restart(i);
  }

  sagasUnderWay(): Promise<number> {
    return sagasUnderWay(this.servers.ordersDb.url);
  }

  ordersByStatus(ordersDbUrl = this.servers.ordersDb.url): Promise<Record<string, number>> {
    return ordersByStatus(ordersDbUrl);
  }

  freezeStore(): Promise<number> {
    return Promise.reject(new Error('store-freeze is a fault of the embedded stores only'));
  }

  thawStore(): void {}

  private get servers(): ServerStores {
    return this.stores.servers!;
  }

  /** Stops everything and writes each app's output (every replica, every life) to the run folder. */
  async stop(): Promise<void> {
    await writeFile(join(this.runDir, 'gateway-error.log'), this.gateway.errorLog());
    const access = this.gateway.accessLog().map((record) => JSON.stringify(record));
    await writeFile(join(this.runDir, 'gateway-access.log'), `${access.join('\n')}\n`);
    await this.gateway.stop();
    await Promise.allSettled([this.orders.stop(), this.balancer.stop()]);
    await Promise.allSettled([this.payments.stop(), this.auth.stop()]);
    await this.toxiproxy.stop();
    await writeFile(join(this.runDir, 'orders.log'), `${this.orders.logText()}\n`);
    await writeFile(join(this.runDir, 'payments.log'), `${this.payments.logText()}\n`);
    await writeFile(join(this.runDir, 'auth.log'), `${this.auth.output.join('\n')}\n`);
  }
}

const indexes = (set: ReplicaSet) => Array.from({ length: set.size }, (_, i) => i);

function authEnvOf(databaseUrl: string, redisUrl: string | undefined): Record<string, string> {
  return {
    ...authEnv({
      issuer: ISSUER,
      databaseUrl,
      admin: ADMIN,
      service: ORDERS_SERVICE,
      redisUrl,
      label: 'chaos',
    }),
    ...UNLIMITED_SIGN_INS,
    LOG_LEVEL: 'warn',
  };
}
