export { testPostgres } from './test-postgres.js';
export { testMongo } from './test-mongo.js';
export { testRedis, type RedisEndpoint } from './test-redis.js';
export { startApp, runAppToExit, type AppProcess, type StartOptions } from './app-process.js';
export { grpcHealthStatus } from './grpc-health.js';
export { testIdentity, TEST_AUDIENCE, TEST_ISSUER, type TestIdentity } from './test-identity.js';
