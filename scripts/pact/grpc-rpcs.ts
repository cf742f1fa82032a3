import { paymentsV1 } from '#contracts';

/** One unary RPC with the generated codecs of its messages (binary and canonical JSON). */
export interface UnaryRpc<Req = unknown, Res = unknown> {
  /** Full name as interactions name it: `payments.v1.PaymentService/ProcessPayment`. */
  name: string;
  request: paymentsV1.MessageFns<Req>;
  response: paymentsV1.MessageFns<Res>;
}

const PAYMENT_SERVICE = `${paymentsV1.protobufPackage}.${paymentsV1.PAYMENT_SERVICE_NAME}`;

function rpc<Req, Res>(
  service: string,
  method: string,
  request: paymentsV1.MessageFns<Req>,
  response: paymentsV1.MessageFns<Res>,
): UnaryRpc<Req, Res> {
  return { name: `${service}/${method}`, request, response };
}

/** The RPCs of payments.v1.PaymentService that contracts cover. */
export const PAYMENT_RPCS = {
  processPayment: rpc(
    PAYMENT_SERVICE,
    'ProcessPayment',
    paymentsV1.ProcessPaymentRequest,
    paymentsV1.ProcessPaymentResponse,
  ),
  refundPayment: rpc(
    PAYMENT_SERVICE,
    'RefundPayment',
    paymentsV1.RefundPaymentRequest,
    paymentsV1.RefundPaymentResponse,
  ),
  getPayment: rpc(
    PAYMENT_SERVICE,
    'GetPayment',
    paymentsV1.GetPaymentRequest,
    paymentsV1.GetPaymentResponse,
  ),
};

export function findRpc(rpcs: Record<string, UnaryRpc>, name: string): UnaryRpc {
  const found = Object.values(rpcs).find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no RPC named ${name} (known: ${Object.keys(rpcs).join(', ')})`);
  return found;
}
