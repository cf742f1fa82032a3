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
  /** no params: the call carries no access token */
  anonymous: 'the caller presents no access token',
} as const;
