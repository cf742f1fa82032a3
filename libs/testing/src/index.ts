export { testPostgres } from './test-postgres.js';
export { testMongo } from './test-mongo.js';
export { startApp, runAppToExit, type AppProcess, type StartOptions } from './app-process.js';
export { grpcHealthStatus } from './grpc-health.js';
export { testIdentity, TEST_AUDIENCE, TEST_ISSUER, type TestIdentity } from './test-identity.js';
export { grpcClient, type PromiseClient } from './grpc-client.js';
export { ADMIN, login, startTestSystem, type TestSystem } from './test-system.js';
export { checkSagaInvariants, type Violation } from './saga-invariants.js';
export { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from './otlp-receiver.js';
