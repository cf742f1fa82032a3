import type { Caller } from '#identity';
import type { Money } from '../../domain/order.js';

export interface CreateOrderCommand {
  caller: Caller;
  idempotencyKey: string;
  amount: Money;
  description: string;
}
