import { Logger } from '@nestjs/common';
import type { SagaType } from '../../src/definition/saga-definition.js';
import { SagaRegistry } from '../../src/definition/saga-registry.js';
import type { AnySagaDefinition } from '../../src/definition/saga-definition.js';
import { SagaOrchestrator } from '../../src/engine/saga-orchestrator.js';
import { SagaRecoveryWorker } from '../../src/engine/saga-recovery.worker.js';
import { SagaRunner } from '../../src/engine/saga-runner.js';
import { ShutdownGate } from '../../src/engine/shutdown-gate.js';
import { StepExecutor } from '../../src/engine/step-executor.js';
import { TransitionApplier } from '../../src/engine/transition-applier.js';
import { SagaVersionGuard } from '../../src/engine/version-guard.js';
import { SagaMetrics } from '../../src/metrics/saga.metrics.js';
import { SagaOperator } from '../../src/operator/saga-operator.js';
import type { SagaModuleOptions } from '../../src/saga-module-options.js';
import { InMemorySagaStore } from './in-memory-saga.store.js';

// The engine logs STUCK sagas at error level; these tests make many on purpose.
Logger.overrideLogger(false);

export const FAST: SagaModuleOptions = {
  leaseMs: 5_000,
  retry: { initialMs: 5, maxMs: 20 },
  giveUp: { maxAttempts: 3, afterMs: 60_000 },
  recovery: { intervalMs: 0, concurrency: 4 },
  drainMs: 200,
};

/** The engine wired by hand (as SagaModule wires it) on the in-memory store. */
export function fakeEngine(
  definitions: AnySagaDefinition[],
  options: Partial<SagaModuleOptions> = {},
  store = new InMemorySagaStore(),
) {
  const settings = { ...FAST, ...options };
  const registry = new SagaRegistry();
  for (const definition of definitions) registry.register(definition);
  const metrics = new SagaMetrics(settings);
  const executor = new StepExecutor();
  const gate = new ShutdownGate();
  const applier = new TransitionApplier(store, executor, gate, settings);
  const runner = new SagaRunner(registry, executor, applier, metrics, gate, store, settings);
  const orchestrator = new SagaOrchestrator(registry, runner, store, settings, metrics, gate);
  const guard = new SagaVersionGuard(registry, store);
  const recovery = new SagaRecoveryWorker(store, orchestrator, guard, registry, metrics, settings);
  const operator = new SagaOperator(store, registry);
  return { store, registry, orchestrator, recovery, guard, operator, settings };
}

export type FakeEngine = ReturnType<typeof fakeEngine>;

/** Starts a saga in its own transaction, as an app does inside its own. */
export function start<P>(engine: FakeEngine, type: SagaType<P>, id: string, payload: P) {
  return engine.store.transaction((tx) => engine.orchestrator.begin(tx, type, id, payload));
}
