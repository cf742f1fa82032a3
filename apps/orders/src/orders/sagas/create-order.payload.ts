import { z } from 'zod';
import { sagaType } from '#saga';

/** What a create-order saga starts with, so its steps never read the order back. */
export const createOrderPayload = z.object({
  customerId: z.string().min(1),
  amount: z.object({
    currencyCode: z.string().length(3),
    amountMinor: z.number().int().positive(),
  }),
  description: z.string(),
});

export type CreateOrderPayload = z.infer<typeof createOrderPayload>;

export const CREATE_ORDER_SAGA = sagaType<CreateOrderPayload>('create-order');
