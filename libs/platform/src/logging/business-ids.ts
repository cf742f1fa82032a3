/**
 * The business ids found in a gRPC message of our contracts: every request about an order has
 * `orderId`; CreateOrder's response has `order.id`.
 */
export function businessIdsOf(message: unknown): Record<string, string | undefined> {
  if (typeof message !== 'object' || message === null) return {};
  const { orderId, order } = message as { orderId?: unknown; order?: { id?: unknown } };
  const id = typeof orderId === 'string' ? orderId : order?.id;
  return typeof id === 'string' && id ? { order_id: id } : {};
}
