import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import mongoose from 'mongoose';
import pg from 'pg';
import type { Violation } from '#testing';

const MAX_ORDERS = 25;

/**
 * Writes what both stores hold about each violating order (the order, its sagas with their
 * timelines, the payment and its refund claim) to violations.json in the log folder, so a
 * failed run can be diagnosed after its databases are dropped. Returns the file's path.
 */
export async function writeViolationDetails(
  logDir: string,
  ordersDbUrl: string,
  paymentsDbUrl: string,
  violations: readonly Violation[],
): Promise<string> {
  const ids = [...new Set(violations.map((violation) => violation.orderId))].slice(0, MAX_ORDERS);
  const client = new pg.Client({ connectionString: ordersDbUrl });
  const mongo = await mongoose.createConnection(paymentsDbUrl).asPromise();
  await client.connect();
  try {
    const details = [];
    for (const id of ids) {
      const order = (await client.query('SELECT * FROM orders WHERE id::text = $1', [id])).rows[0];
      const sagas = (
        await client.query('SELECT * FROM saga_instances WHERE correlation_id::text = $1', [id])
      ).rows;
      for (const saga of sagas) {
        const steps = await client.query(
          'SELECT * FROM saga_steps WHERE saga_id = $1 ORDER BY seq',
          [saga.id],
        );
        saga.steps = steps.rows;
      }
      const find = (name: string) => mongo.db!.collection(name).findOne({ _id: id as never });
      details.push({
        violations: violations.filter((violation) => violation.orderId === id),
        order,
        sagas,
        payment: await find('payments'),
        refundClaim: await find('refund_claims'),
      });
    }
    const file = join(logDir, 'violations.json');
    await writeFile(file, JSON.stringify(details, null, 2));
    return file;
  } finally {
    await client.end();
    await mongo.close();
  }
}
