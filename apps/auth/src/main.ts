// First: OpenTelemetry must be in place before what it instruments loads (see the module).
import '#instrumentation';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import {
  authConfigSchema,
  DomainErrorFilter,
  loadConfig,
  openPostgres,
  runMain,
  acceptJsonBodies,
  serveHttpApp,
  serveOpenApi,
} from '#platform';
import { seededAccountsFrom } from './accounts/usecases/seed-accounts/seeded-accounts.js';
import { AppModule } from './app.module.js';
import { AUTH_ERRORS } from './error-map.js';
import { loadSigningKeys } from './keys/signing-keys.js';
import { authOpenApi } from './openapi/auth.openapi.js';

runMain('auth', async () => {
  const config = loadConfig(authConfigSchema);
  const seeded = seededAccountsFrom(config);
  const keys = await loadSigningKeys(config);
  const postgres = await openPostgres(config.DATABASE_URL, `${config.DATA_DIR}/pg`);
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register({ config, postgres, keys, seeded }),
    // forceCloseConnections: a gateway's idle keep-alive connections must not hold a shutdown.
    { bufferLogs: true, bodyParser: false, forceCloseConnections: true },
  );
  // JSON only, and small: no form posts (login CSRF) and no megabyte bodies to parse.
  acceptJsonBodies(app, '16kb');
  app.disable('x-powered-by');
  const logger = app.get(Logger);
  app.useLogger(logger);
  app.useGlobalFilters(new DomainErrorFilter(AUTH_ERRORS));
  app.set('trust proxy', config.TRUST_PROXY);
  serveOpenApi(app, authOpenApi());
  const host = await serveHttpApp(app, config);
  if (keys.ephemeral) {
    logger.warn(
      `no JWT_PRIVATE_JWKS: generated an ephemeral ES256 signing key (kid ${keys.signer.kid}); ` +
        'tokens will not verify after a restart',
    );
  }
  logger.log(
    `auth listening: HTTP ${config.HTTP_PORT} on ${host}, store ${postgres.description}, ` +
      `signing key ${keys.signer.kid} (${keys.signer.alg}), ${keys.jwks.keys.length} key(s) published`,
  );
});
