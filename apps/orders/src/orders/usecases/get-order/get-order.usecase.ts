import { Injectable } from '@nestjs/common';
import { isAdmin, type Caller } from '#identity';
import { canView, type Order } from '../../domain/order.js';
import { OrderNotFoundError } from '../../domain/order.errors.js';
import { OrderRepository } from '../../persistence/order.repository.js';

/** An order its caller may see; someone else's order is reported as not found. */
@Injectable()
export class GetOrderUseCase {
  constructor(private readonly orders: OrderRepository) {}

  async execute(caller: Caller, orderId: string): Promise<Order> {
    const order = await this.orders.findById(orderId);
    if (!order || !canView(order, { subject: caller.subject, isAdmin: isAdmin(caller) })) {
      throw new OrderNotFoundError(orderId);
    }
    return order;
  }
}
