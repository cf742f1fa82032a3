import { Injectable, Logger } from '@nestjs/common';
import { assertMayRefund, type Actor } from '../../domain/actor.js';
import { voidedTombstone, type Payment, type StatusChange } from '../../domain/payment.js';
import { DEFAULT_REFUND_REASON, refundPlan } from '../../domain/refund-plan.js';
import { PaymentRepository } from '../../persistence/payment.repository.js';
import { PaymentsMetrics } from '../../payments.metrics.js';
import type { RefundPaymentCommand } from './refund-payment.command.js';

// A lost void race moves the entry forward (absent → an entry), so two rounds settle; one spare.
const MAX_ROUNDS = 3;

/**
 * Undoes an order's charge, idempotently: an order never charged gets a VOIDED tombstone (so a
 * late charge is refused), a capture is refunded once, anything else is returned unchanged.
 * Every decision between racing requests is made by a unique key (the payment's, the refund
 * claim's), never by a read followed by a blind write.
 */
@Injectable()
export class RefundPaymentUseCase {
  private readonly logger = new Logger(RefundPaymentUseCase.name);

  constructor(
    private readonly payments: PaymentRepository,
    private readonly metrics: PaymentsMetrics,
  ) {}

  async execute(command: RefundPaymentCommand, actor: Actor): Promise<Payment> {
    const { orderId } = command;
    const reason = command.reason || DEFAULT_REFUND_REASON;
    let current = await this.payments.find(orderId);
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const plan = refundPlan(current);
      if (plan.action === 'void') {
        const tombstone = voidedTombstone(orderId, reason, actor.subject, new Date());
        const result = await this.payments.voidIfAbsent(tombstone);
        if (result.created) {
          this.record('voided', orderId, reason);
          return tombstone;
        }
        current = result.payment;
        continue;
      }
      assertMayRefund(actor, plan.payment);
      if (plan.action === 'unchanged') return plan.payment;
      return this.refund(orderId, {
        status: 'REFUNDED',
        at: new Date(),
        reason,
        by: actor.subject,
      });
    }
    throw new Error(`refund of order ${orderId} did not settle after ${MAX_ROUNDS} rounds`);
  }

  /** The claim picks one refund; every racer applies that one, so all return the same entry. */
  private async refund(orderId: string, change: StatusChange): Promise<Payment> {
    const claim = await this.payments.claimRefund(orderId, change);
    const refunded = await this.payments.applyRefund(orderId, claim.change);
    if (claim.won) this.record('refunded', orderId, change.reason);
    return refunded;
  }

  private record(outcome: 'voided' | 'refunded', orderId: string, reason: string): void {
    this.metrics.record(outcome);
    this.logger.log({ order_id: orderId, reason }, `payment ${outcome}`);
  }
}
