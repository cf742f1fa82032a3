import mongoose from 'mongoose';
import pg from 'pg';

export interface Violation {
  invariant: string;
  orderId: string;
  detail: string;
}

/** Idempotency key → the order ids clients were answered with (one, when all is well). */
export type Acknowledged = ReadonlyMap<string, ReadonlySet<string>>;

interface OrderRow {
  id: string;
  status: string;
  amount_minor: string;
  customer_id: string;
  idempotency_key: string;
}

interface SagaRow {
  order_id: string;
  type: string;
  status: string;
}

interface PaymentDoc {
  _id: string;
  status: string;
  amount?: { amountMinor?: number; amount_minor?: number };
}

const TERMINAL = new Set(['APPROVED', 'REJECTED', 'CANCELLED']);
const SAGA_TERMINAL = new Set(['COMPLETED', 'REJECTED', 'COMPENSATED']);
const NO_NET_CHARGE = new Set(['DECLINED', 'REFUNDED', 'VOIDED']);

/**
 * Checks DESIGN.md's saga invariants by reading both stores directly: every order and saga
 * terminal (a STUCK saga is not); an APPROVED order has exactly one captured payment of its
 * amount; any other order no net charge; no captured payment without an order; one order per
 * idempotency key. Given what clients were answered (`acknowledged`), also that every key was
 * answered with one order id, and that order exists.
 */
export async function checkSagaInvariants(
  ordersDbUrl: string,
  paymentsDbUrl: string,
  acknowledged: Acknowledged = new Map(),
): Promise<Violation[]> {
  const { orders, sagas } = await readOrders(ordersDbUrl);
  const payments = await readPayments(paymentsDbUrl);
  const violations: Violation[] = [];
  const add = (invariant: string, orderId: string, detail: string) =>
    violations.push({ invariant, orderId, detail });
  for (const order of orders) {
    const payment = payments.get(order.id);
    if (!TERMINAL.has(order.status)) add('terminal', order.id, `order is ${order.status}`);
    if (order.status === 'APPROVED') {
      const amount = payment?.amount?.amountMinor ?? payment?.amount?.amount_minor;
      if (payment?.status !== 'CAPTURED')
        add('approved-is-charged', order.id, `payment ${payment?.status ?? 'missing'}`);
      else if (amount !== Number(order.amount_minor))
        add('approved-is-charged', order.id, `charged ${amount}, order ${order.amount_minor}`);
    } else if (TERMINAL.has(order.status) && payment && !NO_NET_CHARGE.has(payment.status)) {
      add('no-net-charge', order.id, `order ${order.status} but payment ${payment.status}`);
    }
  }
  for (const saga of sagas) {
    if (!SAGA_TERMINAL.has(saga.status))
      add('saga-terminal', saga.order_id, `${saga.type} saga is ${saga.status}`);
  }
  const known = new Set(orders.map((order) => order.id));
  for (const payment of payments.values()) {
    if (payment.status === 'CAPTURED' && !known.has(payment._id)) {
      add('no-orphan-charge', payment._id, 'captured payment without an order');
    }
  }
  checkIdempotency(orders, acknowledged, add);
  return violations;
}

function checkIdempotency(
  orders: OrderRow[],
  acknowledged: Acknowledged,
  add: (invariant: string, orderId: string, detail: string) => void,
): void {
  const byKey = new Map<string, OrderRow[]>();
  for (const order of orders) {
    const key = `${order.customer_id}\u0000${order.idempotency_key}`;
    byKey.set(key, [...(byKey.get(key) ?? []), order]);
  }
  for (const same of byKey.values()) {
    if (same.length > 1) {
      add('idempotent', same[0]!.id, `key ${same[0]!.idempotency_key} has ${same.length} orders`);
    }
  }
  const stored = new Map(orders.map((order) => [order.idempotency_key, order.id]));
  const known = new Set(stored.values());
  for (const [key, ids] of acknowledged) {
    const [first] = [...ids];
    if (ids.size > 1) add('idempotent', first!, `key ${key} answered with ${[...ids].join(', ')}`);
    for (const id of ids) {
      if (!known.has(id))
        add('acknowledged-order-stored', id, `answered for key ${key}, not stored`);
      else if (stored.get(key) !== id)
        add('idempotent', id, `key ${key} stored as ${stored.get(key)}`);
    }
  }
}

async function readOrders(url: string): Promise<{ orders: OrderRow[]; sagas: SagaRow[] }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const orders = await client.query<OrderRow>(
      'SELECT id, status, amount_minor, customer_id, idempotency_key FROM orders',
    );
    const sagas = await client.query<SagaRow>(
      'SELECT correlation_id AS order_id, type, status FROM saga_instances',
    );
    return { orders: orders.rows, sagas: sagas.rows };
  } finally {
    await client.end();
  }
}

async function readPayments(url: string): Promise<Map<string, PaymentDoc>> {
  const connection = await mongoose.createConnection(url).asPromise();
  try {
    const docs = (await connection
      .db!.collection('payments')
      .find({})
      .toArray()) as unknown as PaymentDoc[];
    return new Map(docs.map((doc) => [String(doc._id), doc]));
  } finally {
    await connection.close();
  }
}
