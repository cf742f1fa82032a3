import { setTimeout as sleep } from 'node:timers/promises';
import { FAULT_MARKERS, SLOW_CONFIRM_MS } from '#contracts';
import type { ConfirmHook } from '../orders/sagas/confirm-hook.js';
import type { CreateOrderPayload } from '../orders/sagas/create-order.payload.js';

/** Confirm slows down for `[slow-confirm]` orders and fails for `[fail-confirm]` ones. */
export class FaultyConfirmHook implements ConfirmHook {
  async beforeConfirm({ description }: CreateOrderPayload): Promise<void> {
    if (description.includes(FAULT_MARKERS.slowConfirm)) await sleep(SLOW_CONFIRM_MS);
    if (description.includes(FAULT_MARKERS.failConfirm)) {
      throw new Error(`confirm failed: test fault switch (${FAULT_MARKERS.failConfirm})`);
    }
  }
}
