import {
  PaymentNotAttemptedError,
  PaymentOutcomeUnknownError,
} from '../../src/payments-client/payments.errors.js';
import {
  type ChargeRequest,
  type ChargeResult,
  type PaymentEntry,
  type PaymentsPort,
  type RefundResult,
} from '../../src/payments-client/payments.port.js';

export type LedgerStatus = 'CAPTURED' | 'DECLINED' | 'REFUNDED' | 'VOIDED';

/**
 * An in-memory PaymentsPort with the payments service's semantics (idempotent by order id,
 * decline at 1000.00, VOIDED tombstone) plus scripted faults, for driving the saga engine.
 */
export class ScriptedPayments implements PaymentsPort {
  readonly ledger = new Map<string, LedgerStatus>();
  captures = 0;
  /** Charge: captures, then throws "unknown" as if the reply were lost. */
  loseChargeReply = false;
  /** Charge never answers (the engine is stopped meanwhile). */
  hangCharges = false;
  /** The first charge captures, then waits for this before answering (a slow reply). */
  holdFirstReply?: Promise<void>;
  /** Charges are refused before reaching the ledger (the circuit breaker is open). */
  refuseCharges = false;
  /** Refunds fail this many more times before working; Infinity = never work. */
  failRefunds = 0;
  /** Runs after a charge is captured, before it answers (someone acts on the order meanwhile). */
  beforeReply?: (orderId: string) => Promise<unknown>;

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    if (this.refuseCharges) {
      throw new PaymentNotAttemptedError('payments circuit open: not called', 50);
    }
    const current = this.ledger.get(request.orderId);
    if (current === 'VOIDED') throw new Error('PAYMENT_VOIDED');
    if (!current) {
      const declined = request.amount.amountMinor >= 100_000;
      this.ledger.set(request.orderId, declined ? 'DECLINED' : 'CAPTURED');
      if (!declined) this.captures += 1;
    }
    if (this.hangCharges) return new Promise<never>(() => {});
    await this.beforeReply?.(request.orderId);
    const hold = this.holdFirstReply;
    this.holdFirstReply = undefined;
    if (hold) await hold;
    if (this.loseChargeReply) throw new PaymentOutcomeUnknownError('deadline exceeded');
    return this.ledger.get(request.orderId) === 'DECLINED'
      ? { status: 'declined', reason: 'amount over limit' }
      : { status: 'captured' };
  }

  async refund(orderId: string): Promise<RefundResult> {
    if (this.failRefunds > 0) {
      this.failRefunds -= 1;
      throw new PaymentOutcomeUnknownError('payments unavailable');
    }
    const current = this.ledger.get(orderId);
    if (!current) this.ledger.set(orderId, 'VOIDED');
    if (current === 'CAPTURED') this.ledger.set(orderId, 'REFUNDED');
    const status = this.ledger.get(orderId)!;
    return {
      status: status === 'VOIDED' ? 'voided' : status === 'DECLINED' ? 'declined' : 'refunded',
    };
  }

  async get(orderId: string): Promise<PaymentEntry | null> {
    const status = this.ledger.get(orderId);
    if (!status) return null;
    const none = { amount: null, reason: '', history: [], createdAt: null, updatedAt: null };
    return { orderId, customerId: '', status, ...none };
  }
}
