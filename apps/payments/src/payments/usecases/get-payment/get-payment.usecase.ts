import { Injectable } from '@nestjs/common';
import { assertMayView, type Actor } from '../../domain/actor.js';
import type { Payment } from '../../domain/payment.js';
import { PaymentRepository } from '../../persistence/payment.repository.js';
import type { GetPaymentCommand } from './get-payment.command.js';

@Injectable()
export class GetPaymentUseCase {
  constructor(private readonly payments: PaymentRepository) {}

  async execute(command: GetPaymentCommand, actor: Actor): Promise<Payment> {
    const payment = await this.payments.find(command.orderId);
    return assertMayView(actor, payment, command.orderId);
  }
}
