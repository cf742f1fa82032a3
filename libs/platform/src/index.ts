export { ConfigError, loadConfig } from './config/load-config.js';
export * as fields from './config/fields.js';
export { authConfigSchema, type AuthConfig } from './config/auth.config.js';
export { ordersConfigSchema, type OrdersConfig } from './config/orders.config.js';
export { paymentsConfigSchema, type PaymentsConfig } from './config/payments.config.js';
export { loggerModule } from './logging/logger.module.js';
export { addLogFields, runWithLogContext } from './logging/log-context.js';
export { HealthModule } from './health/health.module.js';
export type { HealthSettings, StoreKind } from './health/health.settings.js';
export { StoreUnavailableError } from './health/store-unavailable.error.js';
export {
  grpcServerOptions,
  setServing,
  HealthImplementation,
  type GrpcServerSpec,
} from './grpc/grpc-server.options.js';
export { openPostgres, type PostgresEndpoint } from './stores/embedded-postgres.js';
export { typeOrmOptions } from './stores/typeorm.options.js';
export { closeOnShutdown } from './stores/close-on-shutdown.js';
export { isUniqueViolation } from './stores/unique-violation.js';
export {
  openFerretData,
  openMongo,
  prepareEmbeddedMongo,
  type EmbeddedMongoKind,
  type MongoEndpoint,
} from './stores/embedded-mongo.js';
export { FERRET_SQLITE_POOL } from './stores/embedded-ferret.js';
export { exitOnSignals } from './process/graceful-shutdown.js';
export { runMain } from './process/run-main.js';
export { exitOnStoreLoss } from './process/exit-on-store-loss.js';
export {
  listenAddress,
  serveGrpcApp,
  serveHttpApp,
  type GrpcAppConfig,
  type GrpcAppSpec,
  type ListenConfig,
} from './bootstrap/serve-app.js';
export { reflectionEnabled } from './grpc/grpc-reflection.js';
export { freePort, waitForPort } from './process/free-port.js';
export { DomainError, InvalidArgumentError, RateLimitedError } from './errors/domain-error.js';
export { parseInput } from './errors/parse-input.js';
export { inputFieldName } from './errors/field-names.js';
export { RejectInvalidUtf8Pipe } from './grpc/invalid-utf8.js';
export { acceptJsonBodies } from './http/json-bodies.js';
export { BASE_ERRORS, type ErrorMap, type TransportStatus } from './errors/error-map.js';
export { DomainErrorFilter } from './errors/domain-error.filter.js';
export { MetricsModule } from './metrics/metrics.module.js';
export {
  EVENT_LOOP_SAMPLE_MS,
  eventLoopLateMs,
  MetricsRegistry,
} from './metrics/metrics.registry.js';
export { RequestMetrics } from './metrics/request-metrics.js';
export { grpcMetricsInterceptor } from './metrics/grpc-metrics.interceptor.js';
export { DbPoolMetrics, type PoolStats } from './metrics/db-pool.metrics.js';
export { mongoPoolMetrics, postgresPoolMetrics } from './metrics/pool-metrics.providers.js';
export * as validation from './validation/money.js';
export {
  openApiDocument,
  type ApiDescription,
  type OpenApiDocument,
} from './openapi/openapi-document.js';
export { BEARER, body, json, problem, problemSchema } from './openapi/openapi-parts.js';
export { serveOpenApi } from './openapi/serve-openapi.js';
