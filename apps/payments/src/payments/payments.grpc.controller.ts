import type { Metadata } from '@grpc/grpc-js';
import { Controller, UseGuards } from '@nestjs/common';
import { paymentsV1 } from '#contracts';
import { AuthGuard, Roles } from '#identity';
import { parseInput } from '#platform';
import { actorOf } from './payment-caller.js';
import { toProtoPayment } from './payment-proto.adapter.js';
import { getPaymentCommand } from './usecases/get-payment/get-payment.command.js';
import { GetPaymentUseCase } from './usecases/get-payment/get-payment.usecase.js';
import { processPaymentCommand } from './usecases/process-payment/process-payment.command.js';
import { ProcessPaymentUseCase } from './usecases/process-payment/process-payment.usecase.js';
import { refundPaymentCommand } from './usecases/refund-payment/refund-payment.command.js';
import { RefundPaymentUseCase } from './usecases/refund-payment/refund-payment.usecase.js';

/**
 * Thin: verified caller + validated input → use case → wire shape. Errors map in error-map.ts.
 * Money moves only for orders' service identity; who it acts for: payment-caller.ts.
 */
@Controller()
@UseGuards(AuthGuard)
@paymentsV1.PaymentServiceControllerMethods()
export class PaymentsGrpcController implements paymentsV1.PaymentServiceController {
  constructor(
    private readonly processPaymentUseCase: ProcessPaymentUseCase,
    private readonly refundPaymentUseCase: RefundPaymentUseCase,
    private readonly getPaymentUseCase: GetPaymentUseCase,
  ) {}

  @Roles('service')
  async processPayment(
    request: paymentsV1.ProcessPaymentRequest,
    metadata?: Metadata,
  ): Promise<paymentsV1.ProcessPaymentResponse> {
    const command = parseInput(processPaymentCommand, request);
    const payment = await this.processPaymentUseCase.execute(command, actorOf(metadata));
    return { payment: toProtoPayment(payment) };
  }

  @Roles('service')
  async refundPayment(
    request: paymentsV1.RefundPaymentRequest,
    metadata?: Metadata,
  ): Promise<paymentsV1.RefundPaymentResponse> {
    const command = parseInput(refundPaymentCommand, request);
    const payment = await this.refundPaymentUseCase.execute(command, actorOf(metadata));
    return { payment: toProtoPayment(payment) };
  }

  async getPayment(
    request: paymentsV1.GetPaymentRequest,
    metadata?: Metadata,
  ): Promise<paymentsV1.GetPaymentResponse> {
    const command = parseInput(getPaymentCommand, request);
    const payment = await this.getPaymentUseCase.execute(command, actorOf(metadata));
    return { payment: toProtoPayment(payment) };
  }
}
