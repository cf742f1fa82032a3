export { testPostgres } from './test-postgres.js';
export { testMongo } from './test-mongo.js';
export { startApp, runAppToExit, type AppProcess, type StartOptions } from './app-process.js';
export { grpcHealthStatus } from './grpc-health.js';
export { testIdentity, TEST_AUDIENCE, TEST_ISSUER, type TestIdentity } from './test-identity.js';
export {
  startGateway,
  type Gateway,
  type GatewayAccessRecord,
  type GatewayUpstreams,
} from './gateway.js';
export {
  GATEWAY_PLACEHOLDERS,
  GATEWAY_TEMPLATE,
  renderGatewayConf,
  type GatewayValues,
} from './gateway-template.js';
