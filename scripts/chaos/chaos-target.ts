import type { Toxiproxy } from '#testing';
import type { ChaosStores } from './chaos-stores.js';

/**
 * What the run and the fault injector use of a system under chaos, whether it has one process of
 * each app (ChaosSystem) or several replicas behind NGINX (ReplicatedSystem).
 */
export interface ChaosTarget {
  readonly toxiproxy: Toxiproxy;
  readonly stores: ChaosStores;
  /** Where clients send orders: orders itself, or the gateway in front of its replicas. */
  readonly ordersUrl: string;
  readonly authUrl: string;
  customerToken(username: string): Promise<string>;
  /** The seeded admin's token (the console API). */
  adminToken(): Promise<string>;
  /**
   * A rolling deploy of orders: each process in turn gets SIGTERM, drains and exits, and starts
   * again on its ports with `env` over its environment. Resolves once the last one is ready.
   */
  rollOrders(env: Record<string, string>): Promise<void>;
  /** Every process of the app SIGKILLed (the whole service down). */
  kill(name: 'payments' | 'orders'): Promise<void>;
  /** Every killed process of the app started again on its ports. */
  restart(name: 'payments' | 'orders'): Promise<void>;
  sagasUnderWay(): Promise<number>;
  /** Orders by status, from orders' database (by default the server's one). */
  ordersByStatus(ordersDbUrl?: string): Promise<Record<string, number>>;
  /** store-freeze (embedded stores only): SIGSTOPs payments' FerretDB, returns its pid. */
  freezeStore(): Promise<number>;
  thawStore(pid: number): void;
  stop(): Promise<void>;
}
