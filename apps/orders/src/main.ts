// First: OpenTelemetry must be in place before what it instruments loads (see the module).
import '#instrumentation';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { PROTO_FILES } from '#contracts';
import {
  acceptJsonBodies,
  DomainErrorFilter,
  loadConfig,
  openPostgres,
  ordersConfigSchema,
  runMain,
  serveGrpcApp,
  serveOpenApi,
} from '#platform';
import { AppModule } from './app.module.js';
import { serveConsole } from './console/console-static.js';
import { ORDERS_ERRORS } from './error-map.js';
import { ordersOpenApi } from './openapi/orders.openapi.js';

runMain('orders', async () => {
  const config = loadConfig(ordersConfigSchema);
  const postgres = await openPostgres(config.DATABASE_URL, `${config.DATA_DIR}/pg`);
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register(config, postgres),
    // forceCloseConnections: a gateway's idle keep-alive connections must not hold a shutdown.
    { bufferLogs: true, bodyParser: false, forceCloseConnections: true },
  );
  acceptJsonBodies(app, '100kb');
  app.useLogger(app.get(Logger));
  serveConsole(app, app.get(Logger));
  serveOpenApi(app, ordersOpenApi());
  app.useGlobalFilters(new DomainErrorFilter(ORDERS_ERRORS));
  await serveGrpcApp(app, {
    name: 'orders',
    service: 'orders.v1.OrderService',
    packageName: 'orders.v1',
    protoFile: PROTO_FILES.orders,
    config,
    store: postgres.description,
  });
});
