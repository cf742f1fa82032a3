import { status, type CallOptions, type Metadata } from '@grpc/grpc-js';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { ClientGrpc } from '@nestjs/microservices';
import { BrokenCircuitError, type IPolicy } from 'cockatiel';
import { firstValueFrom, type Observable } from 'rxjs';
import { paymentsV1 } from '#contracts';
import { toPaymentEntry } from './payment-entry.mapper.js';
import { moneyMovingMetadata, readerMetadata } from './payments-call-identity.js';
import {
  PaymentFailedError,
  PaymentNotAttemptedError,
  PaymentOutcomeUnknownError,
} from './payments.errors.js';
import {
  type ChargeRequest,
  type ChargeResult,
  type PaymentEntry,
  type PaymentsPort,
  type RefundResult,
} from './payments.port.js';
import { grpcCode, paymentsPolicy, type ResilienceSettings } from './payments-resilience.js';
import { ServiceCredentials } from './service-credentials.js';

export const PAYMENTS_GRPC = Symbol('PAYMENTS_GRPC');
export const PAYMENTS_CALL_SETTINGS = Symbol('PAYMENTS_CALL_SETTINGS');

export interface PaymentsCallSettings extends ResilienceSettings {
  deadlineMs: number;
}

// The generated client omits grpc-js's third argument; Nest passes it through to the call.
type Unary<Req, Res> = (request: Req, metadata: Metadata, options: CallOptions) => Observable<Res>;
interface PaymentsClient {
  processPayment: Unary<paymentsV1.ProcessPaymentRequest, paymentsV1.ProcessPaymentResponse>;
  refundPayment: Unary<paymentsV1.RefundPaymentRequest, paymentsV1.RefundPaymentResponse>;
  getPayment: Unary<paymentsV1.GetPaymentRequest, paymentsV1.GetPaymentResponse>;
}

const { PaymentStatus } = paymentsV1;

/** PaymentsPort over gRPC: deadline per attempt, retries and a circuit breaker (cockatiel). */
@Injectable()
export class PaymentsGrpcAdapter implements PaymentsPort, OnModuleInit {
  private client!: PaymentsClient;
  private readonly policy: IPolicy;

  constructor(
    @Inject(PAYMENTS_GRPC) private readonly grpc: ClientGrpc,
    @Inject(PAYMENTS_CALL_SETTINGS) private readonly settings: PaymentsCallSettings,
    private readonly serviceCredentials: ServiceCredentials,
  ) {
    this.policy = paymentsPolicy(settings);
  }

  onModuleInit(): void {
    const service = this.grpc.getService<paymentsV1.PaymentServiceClient>(
      paymentsV1.PAYMENT_SERVICE_NAME,
    );
    this.client = service as unknown as PaymentsClient;
  }

  async charge(request: ChargeRequest, credentials?: string): Promise<ChargeResult> {
    const metadata = await this.moneyMoving(credentials);
    const { payment } = await this.call(() =>
      this.client.processPayment(request, metadata, this.options()),
    );
    if (payment?.status === PaymentStatus.PAYMENT_STATUS_CAPTURED) return { status: 'captured' };
    if (payment?.status === PaymentStatus.PAYMENT_STATUS_DECLINED) {
      return { status: 'declined', reason: payment.reason || 'declined' };
    }
    throw new PaymentFailedError(
      `unexpected payment status ${payment?.status} for ${request.orderId}`,
    );
  }

  async refund(orderId: string, reason: string, credentials?: string): Promise<RefundResult> {
    const metadata = await this.moneyMoving(credentials);
    const { payment } = await this.call(() =>
      this.client.refundPayment({ orderId, reason }, metadata, this.options()),
    );
    switch (payment?.status) {
      case PaymentStatus.PAYMENT_STATUS_REFUNDED:
        return { status: 'refunded' };
      case PaymentStatus.PAYMENT_STATUS_VOIDED:
        return { status: 'voided' };
      case PaymentStatus.PAYMENT_STATUS_DECLINED:
        return { status: 'declined' };
      default:
        throw new PaymentFailedError(`unexpected refund status ${payment?.status} for ${orderId}`);
    }
  }

  /**
   * A plain call with the deadline, outside the retry and breaker policy: a console read must
   * neither wait on retries nor open the breaker that guards the sagas' charges and refunds.
   */
  async get(orderId: string, credentials?: string): Promise<PaymentEntry | null> {
    const metadata = readerMetadata(credentials ?? (await this.serviceToken()));
    try {
      const { payment } = await firstValueFrom(
        this.client.getPayment({ orderId }, metadata, this.options()),
      );
      return payment ? toPaymentEntry(payment) : null;
    } catch (error) {
      if (grpcCode(error) === status.NOT_FOUND) return null;
      throw error;
    }
  }

  /**
   * One attempt that may have reached payments makes the whole call's outcome unknown, whatever
   * the last attempt said: a retry refused by the breaker that attempt opened must not hide a
   * charge that happened (the saga would then never refund it).
   */
  private async call<T>(send: () => Observable<T>): Promise<T> {
    let maybeActed: PaymentOutcomeUnknownError | undefined;
    try {
      return await this.policy.execute(() =>
        firstValueFrom(send()).catch((error: unknown) => {
          const outcome = classify(error, 0);
          if (outcome instanceof PaymentOutcomeUnknownError) maybeActed ??= outcome;
          throw error;
        }),
      );
    } catch (error) {
      const outcome = classify(error, this.settings.breakerHalfOpenMs);
      if (maybeActed && !(outcome instanceof PaymentOutcomeUnknownError)) {
        throw new PaymentOutcomeUnknownError(`${maybeActed.message}; then ${outcome.message}`);
      }
      throw outcome;
    }
  }

  private options(): CallOptions {
    return { deadline: Date.now() + this.settings.deadlineMs };
  }

  /** orders' service token, and the person's token when there is one (payments-call-identity). */
  private async moneyMoving(credentials?: string): Promise<Metadata> {
    return moneyMovingMetadata(await this.serviceToken(), credentials);
  }

  /** Without its own token orders cannot move money: nothing was sent, so a sure failure. */
  private async serviceToken(): Promise<string | undefined> {
    try {
      return await this.serviceCredentials.token();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new PaymentFailedError(`payments not called: no service token (${reason})`);
    }
  }
}

/**
 * Whether payments may have acted decides between "unknown" (compensate) and "failed"; a call
 * the open breaker kept from leaving is "not attempted" (retry after the half-open time).
 */
function classify(error: unknown, halfOpenMs: number): Error {
  if (error instanceof BrokenCircuitError) {
    return new PaymentNotAttemptedError('payments circuit open: not called', halfOpenMs);
  }
  const code = grpcCode(error);
  const message = error instanceof Error ? error.message : String(error);
  const surelyNotDone = [
    status.INVALID_ARGUMENT,
    status.FAILED_PRECONDITION,
    status.UNAUTHENTICATED,
    status.PERMISSION_DENIED,
    status.NOT_FOUND,
    status.ALREADY_EXISTS,
  ];
  if (code !== undefined && surelyNotDone.includes(code)) return new PaymentFailedError(message);
  return new PaymentOutcomeUnknownError(message);
}
