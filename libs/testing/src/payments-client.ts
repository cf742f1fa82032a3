import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { GRPC_LOADER_OPTIONS, PROTO_FILES, type paymentsV1 } from '#contracts';

type Callback<Res> = (error: grpc.ServiceError | null, response?: Res) => void;
type UnaryMethod<Req, Res> = (
  request: Req,
  metadata: grpc.Metadata,
  options: grpc.CallOptions,
  callback: Callback<Res>,
) => grpc.ClientUnaryCall;

interface RawPaymentServiceClient extends grpc.Client {
  processPayment: UnaryMethod<paymentsV1.ProcessPaymentRequest, paymentsV1.ProcessPaymentResponse>;
  refundPayment: UnaryMethod<paymentsV1.RefundPaymentRequest, paymentsV1.RefundPaymentResponse>;
  getPayment: UnaryMethod<paymentsV1.GetPaymentRequest, paymentsV1.GetPaymentResponse>;
}

/**
 * A promise-based client of payments.v1.PaymentService, built from the same proto files and
 * loader options as the server. Responses are proto-loader objects: unset message fields are
 * null, int64 and enums are numbers. Failed calls reject with a grpc.ServiceError.
 */
export interface PaymentsTestClient {
  processPayment(
    request: paymentsV1.ProcessPaymentRequest,
    metadata?: grpc.Metadata,
  ): Promise<paymentsV1.ProcessPaymentResponse>;
  refundPayment(
    request: paymentsV1.RefundPaymentRequest,
    metadata?: grpc.Metadata,
  ): Promise<paymentsV1.RefundPaymentResponse>;
  getPayment(
    request: paymentsV1.GetPaymentRequest,
    metadata?: grpc.Metadata,
  ): Promise<paymentsV1.GetPaymentResponse>;
  close(): void;
}

/** `authorization: Bearer <token>` metadata, as orders sends it. */
export function bearer(token: string): grpc.Metadata {
  const metadata = new grpc.Metadata();
  metadata.set('authorization', `Bearer ${token}`);
  return metadata;
}

export function paymentsClient(address: string, deadlineMs = 10_000): PaymentsTestClient {
  const definition = protoLoader.loadSync(PROTO_FILES.payments, GRPC_LOADER_OPTIONS);
  const loaded = grpc.loadPackageDefinition(definition) as unknown as {
    payments: {
      v1: {
        PaymentService: new (
          address: string,
          credentials: grpc.ChannelCredentials,
        ) => RawPaymentServiceClient;
      };
    };
  };
  const raw = new loaded.payments.v1.PaymentService(address, grpc.credentials.createInsecure());
  const call =
    <Req, Res>(method: UnaryMethod<Req, Res>) =>
    (request: Req, metadata = new grpc.Metadata()): Promise<Res> =>
      new Promise((resolve, reject) => {
        const options = { deadline: Date.now() + deadlineMs };
        method.call(raw, request, metadata, options, (error, response) =>
          error ? reject(error) : resolve(response as Res),
        );
      });
  return {
    processPayment: call(raw.processPayment),
    refundPayment: call(raw.refundPayment),
    getPayment: call(raw.getPayment),
    close: () => raw.close(),
  };
}
