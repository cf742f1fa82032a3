import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { PROTO_FILES } from '#contracts';
import {
  DomainErrorFilter,
  RejectInvalidUtf8Pipe,
  grpcMetricsInterceptor,
  grpcServerOptions,
  HealthImplementation,
  loadConfig,
  openMongo,
  paymentsConfigSchema,
  RequestMetrics,
  runMain,
  exitOnSignals,
  exitOnStoreLoss,
  setServing,
} from '#platform';
import { AppModule } from './app.module.js';
import { PAYMENTS_ERRORS } from './error-map.js';

const SERVICE = 'payments.v1.PaymentService';

runMain('payments', async () => {
  const config = loadConfig(paymentsConfigSchema);
  const mongo = await openMongo(config.MONGO_URL, `${config.DATA_DIR}/mongo`, 'payments');
  exitOnStoreLoss('payments', mongo);
  const app = await NestFactory.create(AppModule.register(config, mongo), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(new DomainErrorFilter(PAYMENTS_ERRORS));
  app.useGlobalPipes(new RejectInvalidUtf8Pipe());
  const health = new HealthImplementation();
  app.connectMicroservice(
    grpcServerOptions({
      port: config.GRPC_PORT,
      packageName: 'payments.v1',
      protoFile: PROTO_FILES.payments,
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
      `payments listening: HTTP ${config.HTTP_PORT}, gRPC ${config.GRPC_PORT}, store ${mongo.description}`,
    );
});
