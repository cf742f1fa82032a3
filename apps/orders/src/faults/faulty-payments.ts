import { FAULT_MARKERS } from '#contracts';
import type { OrderRepository } from '../orders/persistence/order.repository.js';
import type {
  ChargeRequest,
  ChargeResult,
  PaymentEntry,
  PaymentsPort,
  RefundResult,
} from '../payments-client/payments.port.js';
import type { FaultSwitch } from './fault-switch.js';

/**
 * The payments port with the refund faults of the test-only switch: refunds of orders marked
 * `[fail-refund]` fail while the switch is armed, those marked `[skip-refund]` report success
 * without refunding. Everything else goes to the real port unchanged.
 */
export class FaultyPayments implements PaymentsPort {
  constructor(
    private readonly real: PaymentsPort,
    private readonly orders: OrderRepository,
    private readonly faults: FaultSwitch,
  ) {}

  charge(request: ChargeRequest, credentials?: string): Promise<ChargeResult> {
    return this.real.charge(request, credentials);
  }

  async refund(orderId: string, reason: string, credentials?: string): Promise<RefundResult> {
    const description = (await this.orders.findById(orderId))?.description ?? '';
    if (this.faults.refundFailing && description.includes(FAULT_MARKERS.failRefund)) {
      throw new Error(`refund failed: test fault switch (${FAULT_MARKERS.failRefund}) is armed`);
    }
    if (description.includes(FAULT_MARKERS.skipRefund)) return { status: 'refunded' };
    return this.real.refund(orderId, reason, credentials);
  }

  get(orderId: string, credentials?: string): Promise<PaymentEntry | null> {
    return this.real.get(orderId, credentials);
  }
}
