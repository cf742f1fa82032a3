import {
  Module,
  type DynamicModule,
  type InjectionToken,
  type ModuleMetadata,
  type Provider,
  type Type,
} from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AnySagaDefinition } from './definition/saga-definition.js';
import { SagaRegistry } from './definition/saga-registry.js';
import { SagaOrchestrator } from './engine/saga-orchestrator.js';
import { SagaRecoveryWorker } from './engine/saga-recovery.worker.js';
import { SagaRunner } from './engine/saga-runner.js';
import { ShutdownGate } from './engine/shutdown-gate.js';
import { StepExecutor } from './engine/step-executor.js';
import { TransitionApplier } from './engine/transition-applier.js';
import { SagaVersionGuard } from './engine/version-guard.js';
import { SagaMetrics } from './metrics/saga.metrics.js';
import { SagaOperator } from './operator/saga-operator.js';
import { SAGA_OPTIONS, type SagaModuleOptions } from './saga-module-options.js';
import { PostgresSagaQueries } from './store/postgres/postgres-saga.queries.js';
import { PostgresSagaStore } from './store/postgres/postgres-saga.store.js';
import { SAGA_STORE } from './store/saga-store.port.js';
import { SagaReader } from './views/saga-reader.js';

export interface SagaModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: InjectionToken[];
  useFactory: (...deps: never[]) => SagaModuleOptions | Promise<SagaModuleOptions>;
  /** The TypeORM connection's name; the default connection when unset. */
  dataSourceName?: string;
}

export interface SagaFeature {
  /** Modules the definitions' dependencies come from. */
  imports?: ModuleMetadata['imports'];
  /** Injectable definition classes: every version of every type this feature runs. */
  definitions: Type<AnySagaDefinition>[];
}

/**
 * The saga engine on the app's TypeORM PostgreSQL connection: `forRoot` once (global: one
 * engine per process), then `forFeature` in each module that defines sagas.
 */
@Module({})
export class SagaModule {
  static forRoot(options: SagaModuleOptions, dataSourceName?: string): DynamicModule {
    return SagaModule.forRootAsync({ useFactory: () => options, dataSourceName });
  }

  /** Options built from other providers (the app's config, its metrics registry). */
  static forRootAsync(async: SagaModuleAsyncOptions): DynamicModule {
    const options: Provider = {
      provide: SAGA_OPTIONS,
      inject: async.inject ?? [],
      useFactory: async.useFactory,
    };
    const dataSource = getDataSourceToken(async.dataSourceName);
    return {
      module: SagaModule,
      global: true,
      imports: async.imports ?? [],
      providers: [options, ...engine(dataSource)],
      // The registry too: forFeature modules register their definitions with it.
      exports: [SagaOrchestrator, SagaReader, SagaOperator, SagaRecoveryWorker, SagaRegistry],
    };
  }

  static forFeature(feature: SagaFeature): DynamicModule {
    const registration: Provider = {
      provide: Symbol('saga definitions registered'),
      inject: [SagaRegistry, ...feature.definitions],
      useFactory: (registry: SagaRegistry, ...definitions: AnySagaDefinition[]) => {
        for (const definition of definitions) registry.register(definition);
        return definitions.length;
      },
    };
    return {
      module: SagaModule,
      imports: feature.imports ?? [],
      providers: [...feature.definitions, registration],
      exports: feature.definitions,
    };
  }
}

function engine(dataSource: InjectionToken): Provider[] {
  return [
    {
      provide: SAGA_STORE,
      inject: [dataSource],
      useFactory: (source: DataSource) => new PostgresSagaStore(source),
    },
    {
      provide: PostgresSagaQueries,
      inject: [dataSource],
      useFactory: (source: DataSource) => new PostgresSagaQueries(source),
    },
    SagaRegistry,
    SagaMetrics,
    ShutdownGate,
    StepExecutor,
    TransitionApplier,
    SagaRunner,
    SagaOrchestrator,
    SagaVersionGuard,
    SagaRecoveryWorker,
    SagaReader,
    SagaOperator,
  ];
}
