import { z } from 'zod';
import { sagaType } from '#saga';

/** Why the customer cancelled: the refund carries it and the order's status reason says it. */
export const cancelOrderPayload = z.object({ reason: z.string() });

export type CancelOrderPayload = z.infer<typeof cancelOrderPayload>;

export const CANCEL_ORDER_SAGA = sagaType<CancelOrderPayload>('cancel-order');

export const DEFAULT_CANCEL_REASON = 'cancelled on request';
