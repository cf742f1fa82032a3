import { z } from 'zod';
import { validation } from '#platform';

const { amountMinor, currencyCode, freeText, identifier } = validation;

const orderId = z.uuid({ error: 'must be an order id (UUID)' });
const idempotencyKey = identifier(128);
const description = freeText(500);

/** gRPC messages arrive in ts-proto's camelCase shape (proto-loader fills defaults). */
export const grpcCreateOrder = z.object({
  idempotencyKey,
  amount: z.object({ currencyCode, amountMinor }, { error: 'is required' }),
  description,
});

/** The HTTP mirror takes the proto field names (snake_case). */
export const httpCreateOrder = z
  .strictObject({
    idempotency_key: idempotencyKey,
    amount: z.strictObject(
      { currency_code: currencyCode, amount_minor: amountMinor },
      { error: 'is required' },
    ),
    description: description.default(''),
  })
  .transform((body) => ({
    idempotencyKey: body.idempotency_key,
    amount: { currencyCode: body.amount.currency_code, amountMinor: body.amount.amount_minor },
    description: body.description,
  }));

export const orderIdInput = z.object({ orderId });

/** Why the customer cancels (optional): the order's status reason and the refund say it. */
const cancelReason = freeText(500).default('');
export const grpcCancelOrder = z.object({ orderId, reason: cancelReason });
export const httpCancelOrder = z.strictObject({ reason: cancelReason });

export const listOrdersInput = z.object({
  pageSize: z.coerce
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(0, 'must be between 1 and 100')
    .max(100, 'must be between 1 and 100'),
  pageToken: z.string().max(512, 'is too long'),
});
