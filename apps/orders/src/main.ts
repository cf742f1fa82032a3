import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { PROTO_FILES } from '#contracts';
import {
  acceptJsonBodies,
  DomainErrorFilter,
  RejectInvalidUtf8Pipe,
  grpcMetricsInterceptor,
  grpcServerOptions,
  HealthImplementation,
  loadConfig,
  openPostgres,
  ordersConfigSchema,
  RequestMetrics,
  runMain,
  exitOnSignals,
  setServing,
} from '#platform';
import { AppModule } from './app.module.js';
import { serveConsole } from './console/console-static.js';
import { ORDERS_ERRORS } from './error-map.js';

const SERVICE = 'orders.v1.OrderService';

runMain('orders', async () => {
  const config = loadConfig(ordersConfigSchema);
  const postgres = await openPostgres(config.DATABASE_URL, `${config.DATA_DIR}/pg`);
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register(config, postgres),
    { bufferLogs: true, bodyParser: false },
  );
  acceptJsonBodies(app, '100kb');
  app.useLogger(app.get(Logger));
  serveConsole(app, app.get(Logger));
  app.useGlobalFilters(new DomainErrorFilter(ORDERS_ERRORS));
  app.useGlobalPipes(new RejectInvalidUtf8Pipe());
  const health = new HealthImplementation();
  app.connectMicroservice(
    grpcServerOptions({
      port: config.GRPC_PORT,
      packageName: 'orders.v1',
      protoFile: PROTO_FILES.orders,
      serviceName: SERVICE,
      health,
      interceptors: [grpcMetricsInterceptor(app.get(RequestMetrics))],
    }),
    { inheritAppConfig: true },
  );
  await app.startAllMicroservices();
  await app.listen(config.HTTP_PORT, '0.0.0.0');
  setServing(health, SERVICE, true);
  exitOnSignals(app, () => setServing(health, SERVICE, false));
  app
    .get(Logger)
    .log(
      `orders listening: HTTP ${config.HTTP_PORT}, gRPC ${config.GRPC_PORT}, store ${postgres.description}`,
    );
});
