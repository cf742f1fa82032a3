import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Caller } from '#identity';
import { SagaNotFoundError, SagaReader, type SagaView, type TimelineView } from '#saga';
import type { Order } from '../../../orders/domain/order.js';
import { OrderRepository } from '../../../orders/persistence/order.repository.js';
import {
  PAYMENTS_PORT,
  type PaymentEntry,
  type PaymentsPort,
} from '../../../payments-client/payments.port.js';
import { CONSOLE_SETTINGS, type ConsoleSettings } from '../../console.settings.js';
import { isOverdue } from '../saga-filters.js';

/** The ledger entry as payments reports it, or why it could not be read. */
export type PaymentView =
  | { state: 'found'; entry: PaymentEntry }
  | { state: 'none' }
  | { state: 'unavailable'; reason: string };

export interface SagaDetail {
  saga: SagaView;
  overdue: boolean;
  order: Order | null;
  timeline: TimelineView[];
  /** Every saga of the same order (the create saga and a later cancel saga), oldest first. */
  related: SagaView[];
  payment: PaymentView;
  now: Date;
}

/** One saga with its order, full timeline and the order's payment as payments sees it. */
@Injectable()
export class GetSagaUseCase {
  private readonly logger = new Logger(GetSagaUseCase.name);

  constructor(
    private readonly sagas: SagaReader,
    private readonly orders: OrderRepository,
    @Inject(PAYMENTS_PORT) private readonly payments: PaymentsPort,
    @Inject(CONSOLE_SETTINGS) private readonly settings: ConsoleSettings,
  ) {}

  async execute(caller: Caller, sagaId: string): Promise<SagaDetail> {
    const saga = await this.sagas.get(sagaId);
    if (!saga) throw new SagaNotFoundError(sagaId);
    const [order, timeline, related, payment] = await Promise.all([
      this.orders.findById(saga.correlationId),
      this.sagas.timeline(saga.id),
      this.sagas.ofCorrelation(saga.correlationId),
      this.paymentOf(caller, saga.correlationId),
    ]);
    const now = new Date();
    const overdue = isOverdue(saga, now, this.settings.overdueAfterMs);
    return { saga, overdue, order, timeline, related, payment, now };
  }

  /** Payments being down must not take the console with it: the page says "unavailable". */
  private async paymentOf(caller: Caller, orderId: string): Promise<PaymentView> {
    try {
      const entry = await this.payments.get(orderId, caller.token);
      return entry ? { state: 'found', entry } : { state: 'none' };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn({ order_id: orderId, err: error }, 'payment entry unavailable');
      return { state: 'unavailable', reason };
    }
  }
}
