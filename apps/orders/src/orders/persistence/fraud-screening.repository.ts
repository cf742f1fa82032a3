import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { prepared, runSql, sendSql } from '#saga';

// Counts no further than the limit: all the rule needs, and its cost stays bounded however many
// orders a customer has (the partial index fraud_screenings_customer_recent serves it). This and
// the INSERT run on every order: prepared, parsed and planned once per connection.
const RECENT = prepared(
  'fraud_recent',
  `SELECT count(*)::int AS screened FROM (
  SELECT 1 FROM fraud_screenings
   WHERE customer_id = $1 AND screened_at > $2 AND voided_at IS NULL
   LIMIT $3) recent`,
);
const INSERT = prepared(
  'fraud_insert',
  `INSERT INTO fraud_screenings (order_id, customer_id, screened_at)
  VALUES ($1, $2, $3) ON CONFLICT (order_id) DO NOTHING`,
);
const VOID = 'UPDATE fraud_screenings SET voided_at = $2 WHERE order_id = $1 AND voided_at IS NULL';

/** The fraud check's screenings; every call joins the saga step's transaction. */
@Injectable()
export class FraudScreeningRepository {
  /** The customer's live screenings since `since`, counted up to `upTo` at most. */
  async screenedSince(
    tx: EntityManager,
    customerId: string,
    since: Date,
    upTo: number,
  ): Promise<number> {
    const { rows } = await runSql<{ screened: number }>(tx, RECENT, [customerId, since, upTo]);
    return rows[0]?.screened ?? 0;
  }

  /** Sent with `sendSql`: in the step's transaction it goes out with the saga's transition. */
  record(tx: EntityManager, orderId: string, customerId: string, at: Date): Promise<void> {
    return sendSql(tx, INSERT, [orderId, customerId, at]);
  }

  /** Sent with `sendSql`, as `record`; a screening voided already stays as it is. */
  void(tx: EntityManager, orderId: string, at: Date): Promise<void> {
    return sendSql(tx, VOID, [orderId, at]);
  }
}
