export { liveChildPids } from './child-processes.js';
export { migratedDataSource, testPostgres } from './test-postgres.js';
export { testMongo } from './test-mongo.js';
export { testRedis, type RedisEndpoint } from './test-redis.js';
export { startApp, runAppToExit, type AppProcess, type StartOptions } from './app-process.js';
export { nestStartArgs } from './nest-start.js';
export { grpcHealthClient, grpcHealthStatus, type HealthClient } from './grpc-health.js';
export {
  testIdentity,
  TEST_AUDIENCE,
  TEST_ISSUER,
  TEST_SERVICE_ACCOUNT,
  type TestIdentity,
} from './test-identity.js';
export { bearer, grpcClient, type PromiseClient } from './grpc-client.js';
export { login, startTestSystem, type TestSystem } from './test-system.js';
export { startEmbeddedSystem, type EmbeddedSystem } from './embedded-system.js';
export {
  ADMIN,
  authEnv,
  ORDERS_SERVICE,
  ordersEnv,
  paymentsEnv,
  UNLIMITED_SIGN_INS,
  verifierEnv,
  type Account,
  type AuthWiring,
  type OrdersWiring,
} from './system-wiring.js';
export { checkSagaInvariants, type Acknowledged, type Violation } from './saga-invariants.js';
export { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from './otlp-receiver.js';
export { paymentsClient, type PaymentsTestClient } from './payments-client.js';
export {
  startGateway,
  type Gateway,
  type GatewayAccessRecord,
  type GatewayUpstreams,
} from './gateway.js';
export { startGrpcBalancer, type GrpcBalancer } from './grpc-balancer.js';
export {
  GATEWAY_PLACEHOLDERS,
  GATEWAY_TEMPLATE,
  renderGatewayConf,
  type GatewayValues,
} from './gateway-template.js';
export { Toxiproxy, type Toxic } from './toxiproxy.js';
export {
  NAMESPACE_ADDRESS,
  networkNamespaceUnavailable,
  startInNetworkNamespace,
  type NamespacedApp,
  type PortState,
} from './network-namespace.js';
export { findGrpcurl, GRPCURL_MODULE, type Grpcurl, type GrpcurlResult } from './grpcurl.js';
export {
  footprint,
  settledFootprint,
  type Footprint,
  type LeakBounds,
} from './process-footprint.js';
export {
  mappedRoutes,
  OpenApiChecker,
  type Exchange,
  type OpenApiLike,
} from './openapi-checker.js';
export { exchange, type ExchangeOptions } from './http-exchange.js';
