// Codes are mapped to transport statuses in apps/orders/src/error-map.ts.

export class OrderNotFoundError extends Error {
  override readonly name = 'OrderNotFoundError';
  readonly code = 'ORDER_NOT_FOUND';
  constructor(orderId: string) {
    super(`order ${orderId} not found`);
  }
}

export class IdempotencyKeyReusedError extends Error {
  override readonly name = 'IdempotencyKeyReusedError';
  readonly code = 'IDEMPOTENCY_KEY_REUSED';
  constructor(key: string) {
    super(`idempotency key "${key}" was already used with a different request body`);
  }
}

export class OrderNotCancellableError extends Error {
  override readonly name = 'OrderNotCancellableError';
  readonly code = 'ORDER_NOT_CANCELLABLE';
  constructor(orderId: string, status: string) {
    super(`order ${orderId} is ${status}; only APPROVED orders can be cancelled`);
  }
}
