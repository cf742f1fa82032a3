import { Module, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller.js';
import {
  HEALTH_SETTINGS,
  HEALTH_STORE,
  type HealthSettings,
  type StoreKind,
} from './health.settings.js';
import { StoreHealth } from './store-health.js';

/** `/health/live` and `/health/ready` of an app whose one store is `store`. */
@Module({})
export class HealthModule {
  static forStore(store: StoreKind, settings: HealthSettings): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
      providers: [
        { provide: HEALTH_STORE, useValue: store },
        { provide: HEALTH_SETTINGS, useValue: settings },
        StoreHealth,
      ],
    };
  }
}
