import { z } from 'zod';
import { idField, moneyField } from '../input-fields.js';

export const processPaymentCommand = z.object({
  orderId: idField,
  customerId: idField,
  amount: moneyField,
});

export type ProcessPaymentCommand = z.infer<typeof processPaymentCommand>;
