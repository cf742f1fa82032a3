import mongoose from 'mongoose';
import pg from 'pg';

export interface Violation {
  invariant: string;
  orderId: string;
  detail: string;
}

interface OrderRow {
  id: string;
  status: string;
  amount_minor: string;
}

interface PaymentDoc {
  _id: string;
  status: string;
  amount?: { amountMinor?: number; amount_minor?: number };
}

const TERMINAL = new Set(['APPROVED', 'REJECTED', 'CANCELLED']);
const NO_NET_CHARGE = new Set(['DECLINED', 'REFUNDED', 'VOIDED']);

/**
 * Checks DESIGN.md's saga invariants by reading both stores directly: every order terminal; an
 * APPROVED order has exactly one captured payment of its amount; any other order no net charge;
 * no captured payment without an approved order.
 */
export async function checkSagaInvariants(
  ordersDbUrl: string,
  paymentsDbUrl: string,
): Promise<Violation[]> {
  const orders = await readOrders(ordersDbUrl);
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
  const known = new Set(orders.map((order) => order.id));
  for (const payment of payments.values()) {
    if (payment.status === 'CAPTURED' && !known.has(payment._id)) {
      add('no-orphan-charge', payment._id, 'captured payment without an order');
    }
  }
  return violations;
}

async function readOrders(url: string): Promise<OrderRow[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<OrderRow>('SELECT id, status, amount_minor FROM orders')).rows;
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
