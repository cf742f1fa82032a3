import { z } from 'zod';
import { idField } from '../input-fields.js';

export const getPaymentCommand = z.object({ orderId: idField });

export type GetPaymentCommand = z.infer<typeof getPaymentCommand>;
