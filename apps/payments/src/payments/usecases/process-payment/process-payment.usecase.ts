import { Inject, Injectable, Logger } from '@nestjs/common';
import type { PaymentsConfig } from '#platform';
import { PAYMENTS_CONFIG } from '../../../config.tokens.js';
import { assertMayCharge, type Actor } from '../../domain/actor.js';
import { replayCharge } from '../../domain/charge-replay.js';
import { decideCharge } from '../../domain/decline-rule.js';
import { newCharge, type Payment } from '../../domain/payment.js';
import { PaymentRepository } from '../../persistence/payment.repository.js';
import { PaymentsMetrics } from '../../payments.metrics.js';
import type { ProcessPaymentCommand } from './process-payment.command.js';

/**
 * Captures or declines an order's amount, exactly once per order id. The insert keyed by the
 * order id is the only write: of any number of concurrent duplicates one insert wins, and every
 * other call replays the winner's outcome (or is refused when it is not a true retry).
 */
@Injectable()
export class ProcessPaymentUseCase {
  private readonly logger = new Logger(ProcessPaymentUseCase.name);

  constructor(
    private readonly payments: PaymentRepository,
    private readonly metrics: PaymentsMetrics,
    @Inject(PAYMENTS_CONFIG) private readonly config: PaymentsConfig,
  ) {}

  async execute(command: ProcessPaymentCommand, actor: Actor): Promise<Payment> {
    assertMayCharge(actor, command.orderId, command.customerId);
    const decision = decideCharge(command.amount, this.config.PAYMENT_DECLINE_LIMIT_MINOR);
    const candidate = newCharge(command, decision, actor.subject, new Date());
    if (await this.payments.insert(candidate)) {
      this.metrics.record(decision.status === 'CAPTURED' ? 'captured' : 'declined');
      this.logger.log(
        { order_id: command.orderId, status: decision.status, reason: decision.reason },
        `payment ${decision.status.toLowerCase()}`,
      );
      return candidate;
    }
    const existing = await this.payments.find(command.orderId);
    // Entries are never deleted, so a duplicate key always has an entry to read.
    if (!existing) throw new Error(`payment ${command.orderId} vanished after a duplicate key`);
    return replayCharge(existing, command);
  }
}
