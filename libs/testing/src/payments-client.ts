import { PROTO_FILES, type paymentsV1 } from '#contracts';
import { grpcClient, type PromiseClient } from './grpc-client.js';

export type PaymentsTestClient = PromiseClient<paymentsV1.PaymentServiceClient>;

/**
 * A client of payments.v1.PaymentService over the network. Responses are proto-loader objects:
 * unset message fields are null, int64 and enums are numbers.
 */
export function paymentsClient(address: string, deadlineMs = 10_000): PaymentsTestClient {
  return grpcClient(PROTO_FILES.payments, 'payments.v1.PaymentService', address, deadlineMs);
}
