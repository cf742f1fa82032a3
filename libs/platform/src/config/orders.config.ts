import { z } from 'zod';
import {
  common,
  flag,
  hostPort,
  port,
  positiveInt,
  postgresUrl,
  requireInProduction,
} from './fields.js';
import { identityFields } from './identity.fields.js';

export const ordersConfigSchema = z
  .object({
    ...common,
    ...identityFields,
    HTTP_PORT: port(3002),
    GRPC_PORT: port(50051),
    DATABASE_URL: postgresUrl.optional(),
    DATA_DIR: z.string().min(1).default('.data/orders'),
    PAYMENTS_GRPC_URL: hostPort.default('localhost:50052'),
    PAYMENTS_DEADLINE_MS: positiveInt(2_000),
    SAGA_LEASE_MS: positiveInt(15_000),
    SAGA_RECOVERY_INTERVAL_MS: positiveInt(2_000),
    SAGA_MAX_COMPENSATION_ATTEMPTS: positiveInt(8),
    /** Test-only: makes the confirm step fail for orders whose description contains FAIL_CONFIRM. */
    SAGA_FAULTS_ENABLED: flag,
  })
  .superRefine(requireInProduction(['DATABASE_URL']));

export type OrdersConfig = z.infer<typeof ordersConfigSchema>;
