// First: OpenTelemetry must be in place before what it instruments loads (see the module).
import '#instrumentation';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { PROTO_FILES } from '#contracts';
import {
  DomainErrorFilter,
  loadConfig,
  openMongo,
  paymentsConfigSchema,
  runMain,
  exitOnStoreLoss,
  serveGrpcApp,
} from '#platform';
import { AppModule } from './app.module.js';
import { PAYMENTS_ERRORS } from './error-map.js';

runMain('payments', async () => {
  const config = loadConfig(paymentsConfigSchema);
  const mongo = await openMongo(config.MONGO_URL, `${config.DATA_DIR}/mongo`, 'payments');
  exitOnStoreLoss('payments', mongo);
  // forceCloseConnections: idle keep-alive connections (probes, scrapes) must not hold a shutdown.
  const app = await NestFactory.create(AppModule.register(config, mongo), {
    bufferLogs: true,
    forceCloseConnections: true,
  });
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(new DomainErrorFilter(PAYMENTS_ERRORS));
  await serveGrpcApp(app, {
    name: 'payments',
    service: 'payments.v1.PaymentService',
    packageName: 'payments.v1',
    protoFile: PROTO_FILES.payments,
    config,
    store: mongo.description,
  });
});
