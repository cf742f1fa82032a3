import { Module, type DynamicModule } from '@nestjs/common';
import type { OrdersConfig } from '#platform';
import { OrderPersistenceModule } from '../orders/persistence/order-persistence.module.js';
import { CONSOLE_SETTINGS, type ConsoleSettings } from './console.settings.js';
import { SagaConsoleMetrics } from './metrics/saga-console.metrics.js';
import { AuthLoginClient } from './transport/auth-login.client.js';
import { ConsoleWebHttpController } from './transport/console-web.http.controller.js';
import { SagaDefinitionsHttpController } from './transport/saga-definitions.http.controller.js';
import { SagasAdminHttpController } from './transport/sagas-admin.http.controller.js';
import { GetSagaUseCase } from './usecases/get-saga/get-saga.usecase.js';
import { ListDefinitionsUseCase } from './usecases/list-definitions/list-definitions.usecase.js';
import { ListSagasUseCase } from './usecases/list-sagas/list-sagas.usecase.js';
import { ResolveSagaUseCase } from './usecases/resolve-saga/resolve-saga.usecase.js';
import { RetrySagaUseCase } from './usecases/retry-saga/retry-saga.usecase.js';

/**
 * The saga console: the admin API over every saga (list, timeline, retry and resolve a STUCK
 * one), the overdue gauges, and what the page needs (settings, sign-in). The page itself is
 * served as static files by main.ts (serveConsole). Needs the global SagaModule.
 */
@Module({})
export class ConsoleModule {
  static register(config: OrdersConfig): DynamicModule {
    const settings: ConsoleSettings = {
      overdueAfterMs: config.SAGA_OVERDUE_AFTER_MS,
      leaseMs: config.SAGA_LEASE_MS,
      traceViewerUrl: config.TRACE_VIEWER_URL,
      authUrl: config.AUTH_URL,
    };
    return {
      module: ConsoleModule,
      imports: [OrderPersistenceModule],
      controllers: [
        SagasAdminHttpController,
        SagaDefinitionsHttpController,
        ConsoleWebHttpController,
      ],
      providers: [
        { provide: CONSOLE_SETTINGS, useValue: settings },
        SagaConsoleMetrics,
        AuthLoginClient,
        ListSagasUseCase,
        ListDefinitionsUseCase,
        GetSagaUseCase,
        RetrySagaUseCase,
        ResolveSagaUseCase,
      ],
    };
  }
}
