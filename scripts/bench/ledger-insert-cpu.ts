// Client CPU per ledger insert, each way payments could write one: the driver's insertOne, the
// model's insertMany with `lean` (what payments uses), and Model.create (casting and validating).
// Usage: MONGO_URL=mongodb://…/db node dist/scripts/bench/ledger-insert-cpu.js [inserts per way]
import mongoose from 'mongoose';
import {
  paymentSchema,
  type PaymentRecord,
} from '../../apps/payments/src/payments/persistence/payment.schema.js';

const N = Number(process.argv[2] ?? 4000);
const IN_FLIGHT = 8;
const ROUNDS = 3;

async function main(): Promise<void> {
  const url = process.env.MONGO_URL;
  if (!url) throw new Error('set MONGO_URL to a MongoDB-wire database it may write to');
  const conn = await mongoose.createConnection(url, { maxPoolSize: IN_FLIGHT }).asPromise();
  const model = conn.model<PaymentRecord>('Payment', paymentSchema);
  const ways: Record<string, (record: PaymentRecord) => Promise<unknown>> = {
    driver: (record) => model.collection.insertOne(record as never),
    insertManyLean: (record) => model.insertMany([record], { lean: true }),
    create: (record) => model.create(record),
  };
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [name, insert] of Object.entries(ways)) {
      const records = Array.from({ length: N }, (_, i) => record(`${name}-${round}-${i}`));
      const before = process.cpuUsage();
      for (let i = 0; i < N; i += IN_FLIGHT)
        await Promise.all(records.slice(i, i + IN_FLIGHT).map(insert));
      const used = process.cpuUsage(before);
      console.log(
        `round ${round} ${name.padEnd(15)} ${Math.round((used.user + used.system) / N)} µs/insert`,
      );
    }
  }
  await conn.dropDatabase();
  await conn.close();
}

function record(id: string): PaymentRecord {
  const at = new Date();
  return {
    _id: `${id}-${Date.now()}`,
    customerId: 'bench',
    amount: { currencyCode: 'EUR', amountMinor: 100 },
    status: 'CAPTURED',
    reason: 'charged',
    history: [{ status: 'CAPTURED', at, reason: 'charged', by: 'bench' }],
    createdAt: at,
    updatedAt: at,
  };
}

void main();
