import type { CreateOrderPayload } from './create-order.payload.js';

/**
 * Runs first inside the confirm step. Nothing is bound in production; the test-only fault
 * switch binds one that fails or slows chosen orders (apps/orders/src/faults).
 */
export interface ConfirmHook {
  beforeConfirm(payload: CreateOrderPayload): Promise<void>;
}

export const CONFIRM_HOOK = Symbol('CONFIRM_HOOK');
