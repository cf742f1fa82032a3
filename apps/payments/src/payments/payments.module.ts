import { Module, type DynamicModule } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import type { PaymentsConfig } from '#platform';
import { PAYMENTS_CONFIG } from '../config.tokens.js';
import { PaymentRepository } from './persistence/payment.repository.js';
import { PAYMENT_MODEL, paymentSchema } from './persistence/payment.schema.js';
import { REFUND_CLAIM_MODEL, refundClaimSchema } from './persistence/refund-claim.schema.js';
import { PaymentsGrpcController } from './payments.grpc.controller.js';
import { PaymentsMetrics } from './payments.metrics.js';
import { GetPaymentUseCase } from './usecases/get-payment/get-payment.usecase.js';
import { ProcessPaymentUseCase } from './usecases/process-payment/process-payment.usecase.js';
import { RefundPaymentUseCase } from './usecases/refund-payment/refund-payment.usecase.js';

/** The payment ledger: gRPC PaymentService over one MongoDB collection keyed by order id. */
@Module({})
export class PaymentsModule {
  static register(config: PaymentsConfig): DynamicModule {
    return {
      module: PaymentsModule,
      imports: [
        MongooseModule.forFeature([
          { name: PAYMENT_MODEL, schema: paymentSchema },
          { name: REFUND_CLAIM_MODEL, schema: refundClaimSchema },
        ]),
      ],
      controllers: [PaymentsGrpcController],
      providers: [
        { provide: PAYMENTS_CONFIG, useValue: config },
        PaymentRepository,
        PaymentsMetrics,
        ProcessPaymentUseCase,
        RefundPaymentUseCase,
        GetPaymentUseCase,
      ],
    };
  }
}
