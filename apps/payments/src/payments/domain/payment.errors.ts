// Plain errors with a stable `code`: the service's error map turns each into a transport status.

/** The order was voided by a refund before its charge arrived; it can never be charged. */
export class PaymentVoidedError extends Error {
  override readonly name = 'PaymentVoidedError';
  readonly code = 'PAYMENT_VOIDED';
  constructor(readonly orderId: string) {
    super(`order ${orderId} was voided by a refund before it was charged`);
  }
}

/** The order was charged and refunded; charging it again is refused. */
export class PaymentRefundedError extends Error {
  override readonly name = 'PaymentRefundedError';
  readonly code = 'PAYMENT_REFUNDED';
  constructor(readonly orderId: string) {
    super(`order ${orderId} was already charged and refunded`);
  }
}

/** The order id was charged before with another customer or amount: not a retry of that call. */
export class PaymentMismatchError extends Error {
  override readonly name = 'PaymentMismatchError';
  readonly code = 'PAYMENT_MISMATCH';
  constructor(
    readonly orderId: string,
    readonly field: string,
  ) {
    super(`order ${orderId} was already charged with a different ${field}`);
  }
}

export class PaymentNotFoundError extends Error {
  override readonly name = 'PaymentNotFoundError';
  readonly code = 'PAYMENT_NOT_FOUND';
  constructor(readonly orderId: string) {
    super(`no payment for order ${orderId}`);
  }
}

/** A customer acting on another customer's payment. */
export class PaymentForbiddenError extends Error {
  override readonly name = 'PaymentForbiddenError';
  readonly code = 'FORBIDDEN';
  constructor(readonly orderId: string) {
    super(`the caller may not act on the payment of order ${orderId}`);
  }
}
