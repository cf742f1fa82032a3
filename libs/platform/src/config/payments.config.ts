import { z } from 'zod';
import {
  common,
  mongoUrl,
  optionalFlag,
  port,
  positiveInt,
  requireInProduction,
} from './fields.js';
import { identityFields } from './identity.fields.js';

export const paymentsConfigSchema = z
  .object({
    ...common,
    ...identityFields,
    HTTP_PORT: port(3003),
    GRPC_PORT: port(50052),
    /** gRPC server reflection (grpcurl, Postman): unset means on, except in production. */
    GRPC_REFLECTION: optionalFlag,
    MONGO_URL: mongoUrl.optional(),
    DATA_DIR: z.string().min(1).default('.data/payments'),
    /** Amounts at or above this many minor units are declined (100000 = 1000.00). */
    PAYMENT_DECLINE_LIMIT_MINOR: positiveInt(100_000),
  })
  .superRefine(requireInProduction(['MONGO_URL', 'BIND_ADDRESS']));

export type PaymentsConfig = z.infer<typeof paymentsConfigSchema>;
