/**
 * Provider states of the orders → payments pact. The consumer names them in its interactions
 * and the payments verification sets each one up over the real API; one constant for both.
 */
export const PAYMENT_STATES = {
  /** params: orderId */
  none: 'no payment exists for the order',
  /** params: orderId, customerId, currencyCode, amountMinor (under the decline limit) */
  captured: 'the order was charged and the payment captured',
  /** params: orderId, customerId, currencyCode, amountMinor (at or over the decline limit) */
  declined: 'the order was charged and the payment declined',
  /** params: orderId */
  voided: 'the order was voided by a refund before any charge',
  /** params: customerId — orders' service token, and that customer's token in x-on-behalf-of */
  forCustomer: "orders calls with its service identity on the customer's behalf",
  /** no params: orders' service token alone, as a saga resumed without the customer's token */
  ordersAlone: 'orders calls with its service identity alone',
  /** no params: the call carries no access token */
  anonymous: 'the caller presents no access token',
} as const;

/** Who makes an interaction's call, as its states say: each interaction names exactly one. */
export type CallIdentity =
  { kind: 'anonymous' } | { kind: 'orders' } | { kind: 'orders-for'; customerId: string };

interface NamedState {
  name: string;
  params?: Record<string, unknown>;
}

export function callIdentityOf(states: readonly NamedState[] | undefined): CallIdentity {
  const identities = (states ?? []).flatMap((state): CallIdentity[] => {
    if (state.name === PAYMENT_STATES.anonymous) return [{ kind: 'anonymous' }];
    if (state.name === PAYMENT_STATES.ordersAlone) return [{ kind: 'orders' }];
    if (state.name !== PAYMENT_STATES.forCustomer) return [];
    return [{ kind: 'orders-for', customerId: String(state.params?.customerId ?? '') }];
  });
  const [identity] = identities;
  if (identities.length !== 1 || !identity) {
    throw new Error(`an interaction names exactly one caller state, got ${identities.length}`);
  }
  return identity;
}
