import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import {
  authConfigSchema,
  DomainErrorFilter,
  exitOnSignals,
  loadConfig,
  openPostgres,
  runMain,
} from '#platform';
import { AppModule } from './app.module.js';
import { AUTH_ERRORS } from './error-map.js';

runMain('auth', async () => {
  const config = loadConfig(authConfigSchema);
  const postgres = await openPostgres(config.DATABASE_URL, `${config.DATA_DIR}/pg`);
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register(config, postgres),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(new DomainErrorFilter(AUTH_ERRORS));
  app.set('trust proxy', config.TRUST_PROXY);
  exitOnSignals(app);
  await app.listen(config.HTTP_PORT, '0.0.0.0');
  app.get(Logger).log(`auth listening: HTTP ${config.HTTP_PORT}, store ${postgres.description}`);
});
