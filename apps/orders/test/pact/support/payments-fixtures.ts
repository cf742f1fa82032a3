import { MatchersV3 } from '@pact-foundation/pact';
import { paymentsV1, type commonV1 } from '#contracts';
import { PAYMENT_RPCS, type UnaryRpc } from '../../../../../scripts/pact/grpc-rpcs.js';
import type { GrpcStatusName } from '../../../../../scripts/pact/grpc-message.js';
import { canonical, withMatchers, type JsonBody } from '../../../../../scripts/pact/json-body.js';
import { PAYMENT_STATES } from '../../../../../scripts/pact/payments-states.js';
import { PaymentFailedError } from '../../../src/payments-client/payments.errors.js';

// Building blocks of the orders → payments interactions: bodies come from the generated
// messages' toJSON, with matchers only where the provider's values legitimately vary.

const { regex, like } = MatchersV3;
export const { PaymentStatus } = paymentsV1;
export const CUSTOMER = 'customer-7';
/**
 * The customer's token the saga holds, which the adapter forwards in x-on-behalf-of; the
 * verification signs a real one for the state's customer.
 */
export const CALLER_TOKEN = 'access-token-of-the-customer';

export const eur = (amountMinor: number): commonV1.Money => ({
  currencyCode: 'EUR',
  amountMinor,
});

/** The adapter's ChargeRequest, which is also the fields of ProcessPaymentRequest. */
export const charge = (orderId: string, amountMinor: number) => ({
  orderId,
  customerId: CUSTOMER,
  amount: eur(amountMinor),
});

export const processRequest = (orderId: string, amountMinor: number): JsonBody =>
  canonical(PAYMENT_RPCS.processPayment.request, charge(orderId, amountMinor));

export const refundRequest = (orderId: string, reason: string): JsonBody =>
  canonical(PAYMENT_RPCS.refundPayment.request, { orderId, reason });

type Loosen = Record<string, (example: never) => unknown>;

/**
 * A response carrying a Payment with only the fields orders relies on (history and times are
 * free to change), `matchers` loosening the values that vary.
 */
export const paymentResponse = (
  rpc: UnaryRpc<unknown, { payment?: paymentsV1.Payment }>,
  fields: Partial<paymentsV1.Payment>,
  matchers: Loosen = {},
): JsonBody =>
  withMatchers(
    canonical(rpc.response, { payment: { ...paymentsV1.Payment.fromJSON({}), ...fields } }),
    matchers,
  );

/** A call ending with a non-OK status: `{code, message}` (see scripts/pact/grpc-message.ts). */
export const statusResponse = (
  code: GrpcStatusName,
  message: string,
  matcher: (example: string) => unknown,
): JsonBody => withMatchers({ code, message }, { message: matcher });

/** Payments puts a stable reason code first in a decline reason or a refusal's message. */
export const startsWithCode = (code: string) => (example: string) =>
  regex(`^${code}: .+$`, example);

export const DECLINE_REASON = 'AMOUNT_OVER_LIMIT: 1500.00 EUR is at or above the limit 1000.00 EUR';

export const anyText = (example: string) => like(example);

export const noPayment = (orderId: string) => ({ name: PAYMENT_STATES.none, params: { orderId } });

/** The call comes from orders on the customer's behalf (the saga holds their token). */
export const forCustomer = () => ({
  name: PAYMENT_STATES.forCustomer,
  params: { customerId: CUSTOMER },
});

/** The call comes from orders alone: a saga resumed after a crash holds no customer token. */
export const ordersAlone = () => ({ name: PAYMENT_STATES.ordersAlone });

export const chargedBefore = (
  state: typeof PAYMENT_STATES.captured | typeof PAYMENT_STATES.declined,
  orderId: string,
  amountMinor: number,
) => ({ name: state, params: { orderId, customerId: CUSTOMER, currencyCode: 'EUR', amountMinor } });

export const voidedBefore = (orderId: string) => ({
  name: PAYMENT_STATES.voided,
  params: { orderId },
});

/** assert.rejects predicate: the adapter reports "payments answered and surely did nothing". */
export const failedWith = (pattern: RegExp) => (error: unknown) =>
  error instanceof PaymentFailedError && pattern.test(error.message);
