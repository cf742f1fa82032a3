import { z } from 'zod';
import { idField, reasonField } from '../input-fields.js';

export const refundPaymentCommand = z.object({
  orderId: idField,
  reason: reasonField,
});

export type RefundPaymentCommand = z.infer<typeof refundPaymentCommand>;
