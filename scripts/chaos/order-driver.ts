import { planOrder, type MixOptions, type PlannedOrder } from './order-mix.js';
import { OrdersHttp, type Reply, type RetryStats } from './orders-http.js';
import type { Random } from './random.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

export interface DriverStats extends RetryStats {
  /** Orders taken from the stream (their first request sent). */
  submitted: number;
  /** Orders whose creation a client saw acknowledged (HTTP 201). */
  placed: number;
  /** Orders given up on: no answer before the give-up time. */
  gaveUp: number;
  duplicates: number;
  cancels: number;
  /** Requests in flight right now. */
  inFlight: number;
  /** Answers no fault explains (a 4xx to a valid request), as "<request>: <status> <body>". */
  unexpected: string[];
}

export interface DriverOptions extends MixOptions {
  ordersUrl: string;
  orders: number;
  /** Orders per second. */
  rate: number;
  /** Orders in flight at most. */
  concurrency: number;
  login: () => Promise<string>;
}

/**
 * A steady stream of orders of the seeded mix, each retried with the same idempotency key when its
 * answer is lost (and sometimes sent twice at once, as a client retrying too early). Records which order id every key
 * was answered with, for the idempotency invariant.
 */
export class OrderDriver {
  readonly stats: DriverStats = {
    submitted: 0,
    placed: 0,
    gaveUp: 0,
    duplicates: 0,
    cancels: 0,
    inFlight: 0,
    attempts: 0,
    retries: 0,
    retriedBecause: {},
    unexpected: [],
  };
  /** idempotency key → the order ids clients were answered with (exactly one when all is well). */
  readonly acknowledged = new Map<string, Set<string>>();
  private readonly plan: PlannedOrder[];

  constructor(
    private readonly options: DriverOptions,
    random: Random,
  ) {
    this.plan = Array.from({ length: options.orders }, (_, i) => planOrder(random, i, options));
  }

  /**
   * Places the orders at `rate` per second, at most `concurrency` at once; order i waits until
   * `released(i)` (the fault schedule holds the stream while a fault is still being undone).
   */
  async run(released: (index: number) => boolean = () => true): Promise<void> {
    const { ordersUrl, login, rate, concurrency } = this.options;
    const http = new OrdersHttp(ordersUrl, await login(), login, this.stats);
    // The first order alone: cold channels and caches must not count as a fault's doing.
    this.stats.submitted = 1;
    await this.place(http, this.plan[0]!);
    const running = new Set<Promise<void>>();
    let nextAt = Date.now();
    for (const order of this.plan.slice(1)) {
      await sleep(nextAt - Date.now());
      while (!released(order.index)) await sleep(10);
      while (running.size >= concurrency) await Promise.race(running);
      this.stats.submitted += 1;
      const placing = this.place(http, order).finally(() => running.delete(placing));
      running.add(placing);
      nextAt = Date.now() + 1000 / rate;
    }
    await Promise.all(running);
  }

  private async place(http: OrdersHttp, order: PlannedOrder): Promise<void> {
    const send = () =>
      this.tracked(http.create(order.idempotencyKey, order.amountMinor, order.description));
    if (order.duplicate) this.stats.duplicates += 1;
    const replies = await Promise.all(order.duplicate ? [send(), send()] : [send()]);
    for (const reply of replies) if (reply) this.record(order, reply);
    const created = replies.find((reply) => reply?.status === 201);
    if (!created) {
      if (replies.some((reply) => !reply)) this.stats.gaveUp += 1;
      return;
    }
    this.stats.placed += 1;
    if (order.cancel && created.body.status === 'APPROVED') {
      this.stats.cancels += 1;
      const reply = await this.tracked(http.cancel(String(created.body.id)));
      if (reply && reply.status !== 200) this.unexpected(`cancel #${order.index}`, reply);
    }
  }

  private record(order: PlannedOrder, reply: Reply): void {
    if (reply.status !== 201) return this.unexpected(`create #${order.index}`, reply);
    const ids = this.acknowledged.get(order.idempotencyKey) ?? new Set<string>();
    ids.add(String(reply.body.id));
    this.acknowledged.set(order.idempotencyKey, ids);
  }

  private unexpected(what: string, reply: Reply): void {
    this.stats.unexpected.push(`${what}: HTTP ${reply.status} ${JSON.stringify(reply.body)}`);
  }

  private async tracked<T>(request: Promise<T>): Promise<T> {
    this.stats.inFlight += 1;
    try {
      return await request;
    } finally {
      this.stats.inFlight -= 1;
    }
  }
}
