import { z } from 'zod';
import {
  common,
  duration,
  flag,
  hostPort,
  optionalFlag,
  httpUrl,
  nonNegativeInt,
  port,
  positiveInt,
  postgresUrl,
  requireInProduction,
} from './fields.js';
import { identityFields, withIssuerFromJwks } from './identity.fields.js';

const traceViewerUrl = z
  .string()
  .refine((url) => url === '' || (httpUrl.safeParse(url).success && url.includes('{traceId}')), {
    message: 'must be empty or a URL with {traceId}, like http://localhost:16686/trace/{traceId}',
  });

export const ordersConfigSchema = z
  .object({
    ...common,
    ...identityFields,
    HTTP_PORT: port(3002),
    GRPC_PORT: port(50051),
    /** gRPC server reflection (grpcurl, Postman): unset means on, except in production. */
    GRPC_REFLECTION: optionalFlag,
    DATABASE_URL: postgresUrl.optional(),
    DATA_DIR: z.string().min(1).default('.data/orders'),
    PAYMENTS_GRPC_URL: hostPort.default('localhost:50052'),
    /** Deadline of one call to payments; transient failures are retried within the saga step. */
    PAYMENTS_DEADLINE_MS: positiveInt(2_000),
    PAYMENTS_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
    PAYMENTS_BREAKER_THRESHOLD: positiveInt(10),
    PAYMENTS_BREAKER_HALF_OPEN_MS: positiveInt(5_000),
    /** Where orders logs in as its service account for sagas resumed without a caller's token. */
    AUTH_URL: httpUrl.default('http://localhost:3001'),
    ORDERS_SERVICE_USERNAME: z.string().min(3).max(64).optional(),
    ORDERS_SERVICE_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
    SAGA_LEASE_MS: positiveInt(15_000),
    SAGA_RECOVERY_INTERVAL_MS: z.coerce.number().int().min(0).default(2_000),
    /** Failed tries that reached payments before a compensation (or retried step) is STUCK. */
    SAGA_MAX_COMPENSATION_ATTEMPTS: positiveInt(25),
    /** …or this long after it first failed, whether or not its tries reached payments. */
    SAGA_COMPENSATION_GIVE_UP_AFTER: duration('6h'),
    /** Sagas the recovery worker runs at once (a bulk retry queues behind this). */
    SAGA_RECOVERY_CONCURRENCY: positiveInt(16),
    /** On SIGTERM, how long running sagas may finish before the rest are handed back. */
    SAGA_SHUTDOWN_DRAIN_MS: positiveInt(5_000),
    SAGA_RETRY_INITIAL_MS: positiveInt(500),
    SAGA_RETRY_MAX_MS: positiveInt(30_000),
    /**
     * The newest create-order saga version new sagas start on (a staged rollout keeps the old
     * one until every replica knows the new one; orders refuses one newer than it knows).
     */
    SAGA_CREATE_ORDER_VERSION: positiveInt(2),
    /**
     * create-order v2's fraud check: a customer's orders per hour before the next is held; 0 turns
     * the velocity rule off (the load harnesses, whose one customer places thousands an hour).
     */
    ORDERS_FRAUD_MAX_ORDERS_PER_HOUR: nonNegativeInt(60),
    /** How long CreateOrder/CancelOrder wait for their saga before answering with the current state. */
    SAGA_RUN_BUDGET_MS: positiveInt(5_000),
    /** Test-only fault switch: confirm fails for orders whose description has "[fail-confirm]". */
    SAGA_FAULTS_ENABLED: flag,
    /** A saga not terminal this long after its start is overdue (saga console, saga_overdue). */
    SAGA_OVERDUE_AFTER_MS: positiveInt(300_000),
    /** The trace viewer's page for one trace, `{traceId}` replaced; empty: no trace links. */
    TRACE_VIEWER_URL: traceViewerUrl.default('http://localhost:16686/trace/{traceId}'),
  })
  .superRefine(
    requireInProduction([
      'DATABASE_URL',
      'ORDERS_SERVICE_USERNAME',
      'ORDERS_SERVICE_PASSWORD',
      'BIND_ADDRESS',
    ]),
  )
  .superRefine((config, ctx) => {
    if (config.NODE_ENV === 'production' && config.SAGA_FAULTS_ENABLED) {
      ctx.addIssue({
        code: 'custom',
        path: ['SAGA_FAULTS_ENABLED'],
        message: 'is a test-only switch and must be off when NODE_ENV=production',
      });
    }
  })
  .transform(withIssuerFromJwks);

export type OrdersConfig = z.infer<typeof ordersConfigSchema>;
