import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { parsePayload } from '../definition/payload-schema.js';
import type { SagaType } from '../definition/saga-definition.js';
import { SagaRegistry } from '../definition/saga-registry.js';
import { SagaEngineStoppingError } from '../errors/engine-stopping.error.js';
import { InvalidSagaError } from '../errors/invalid-saga.error.js';
import { SagaMetrics } from '../metrics/saga.metrics.js';
import { SAGA_OPTIONS, type SagaModuleOptions } from '../saga-module-options.js';
import type { SagaRecord } from '../store/saga-record.js';
import { SAGA_STORE, type SagaStore } from '../store/saga-store.port.js';
import { toSagaView, type SagaView } from '../views/saga-view.js';
import { SagaRunner } from './saga-runner.js';
import { ShutdownGate } from './shutdown-gate.js';

/** A saga `begin` created; hand it to `run` or `runWithin` once the caller's transaction commits. */
export interface StartedSaga {
  readonly id: string;
  readonly type: string;
  readonly correlationId: string;
}

const records = new WeakMap<StartedSaga, SagaRecord>();

/**
 * The entry point for apps: starts sagas in the caller's transaction and runs them. Every run
 * is tracked, so a shutdown finishes or hands back each saga this engine holds.
 */
@Injectable()
export class SagaOrchestrator implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Saga');
  private readonly running = new Set<Promise<unknown>>();
  private stopping = false;
  /** Ends the wait of each runWithin under way: called once shutdown has handed its saga back. */
  private readonly waiting = new Set<() => void>();

  constructor(
    private readonly registry: SagaRegistry,
    private readonly runner: SagaRunner,
    @Inject(SAGA_STORE) private readonly store: SagaStore,
    @Inject(SAGA_OPTIONS) private readonly options: SagaModuleOptions,
    private readonly metrics: SagaMetrics,
    private readonly gate: ShutdownGate,
  ) {}

  get owner(): string {
    return this.runner.owner;
  }

  /**
   * Writes a new saga of `type`'s newest version in `tx`, the caller's transaction, held by
   * this engine: it exists exactly when the caller's own rows do.
   */
  async begin<P>(
    tx: unknown,
    type: SagaType<P>,
    correlationId: string,
    payload: P,
  ): Promise<StartedSaga> {
    if (this.stopping) throw new SagaEngineStoppingError();
    const definition = this.registry.newest(type.name);
    const parsed = await parsePayload(definition.payload, payload);
    if (!parsed.ok) throw new InvalidSagaError(`${type.name} payload: ${parsed.problems}`);
    const now = new Date();
    const record: SagaRecord = {
      id: randomUUID(),
      type: type.name,
      version: definition.version,
      correlationId,
      status: 'RUNNING',
      step: definition.steps[0]!.name,
      attempts: 0,
      lastError: '',
      ending: null,
      owner: this.owner,
      nextAttemptAt: new Date(now.getTime() + this.options.leaseMs),
      failingSince: null,
      createdAt: now,
      updatedAt: now,
      finishedAt: null,
      payload: parsed.value,
      revision: 1,
    };
    await this.store.insert(tx, record);
    this.metrics.sagaStarted(type.name);
    const started: StartedSaga = { id: record.id, type: record.type, correlationId };
    records.set(started, record);
    return started;
  }

  /** Runs a started saga to its end, a retry wait or a takeover; resolves with where it stands. */
  run(saga: StartedSaga, credentials?: string): Promise<SagaView | undefined> {
    return this.track(this.runner.run(this.recordOf(saga), { credentials, resumed: false }));
  }

  /**
   * Runs a saga for at most `budgetMs`; past that it goes on in the background (and recovery
   * takes over if this process dies), so a request never waits on a slow downstream. Resolves
   * with the saga when its run stopped in time, else undefined — also as soon as a shutdown has
   * handed the saga back, so the request answers and the server can close.
   */
  async runWithin(saga: StartedSaga, budgetMs: number, credentials?: string) {
    let timer: NodeJS.Timeout | undefined;
    const running = this.run(saga, credentials).catch((error: unknown) => {
      this.logger.error({ saga_id: saga.id, err: error }, 'saga run failed; recovery resumes it');
      return undefined;
    });
    let stopWaiting = () => {};
    const budget = new Promise<undefined>((resolve) => {
      stopWaiting = () => resolve(undefined);
      timer = setTimeout(stopWaiting, budgetMs);
    });
    this.waiting.add(stopWaiting);
    try {
      return await Promise.race([running, budget]);
    } finally {
      clearTimeout(timer);
      this.waiting.delete(stopWaiting);
    }
  }

  /** Runs a saga the recovery worker claimed for this engine. */
  resume(record: SagaRecord): Promise<SagaView | undefined> {
    return this.track(this.runner.run(record, { resumed: true }));
  }

  /** Stop starting sagas; let running ones finish for a while, then hand the rest back. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    const drained = Promise.allSettled([...this.running]);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise((resolve) => (timer = setTimeout(resolve, this.drainMs)));
    await Promise.race([drained, timeout]);
    clearTimeout(timer);
    this.gate.close();
    try {
      const handedBack = await this.store.release(this.owner, new Date());
      if (handedBack > 0) this.logger.warn({ sagas: handedBack }, 'sagas handed back on shutdown');
    } finally {
      for (const stopWaiting of this.waiting) stopWaiting();
    }
  }

  private get drainMs(): number {
    return this.options.drainMs ?? 5_000;
  }

  private async track(run: Promise<SagaRecord | undefined>): Promise<SagaView | undefined> {
    this.running.add(run);
    try {
      const saga = await run;
      return saga && toSagaView(saga);
    } finally {
      this.running.delete(run);
    }
  }

  private recordOf(saga: StartedSaga): SagaRecord {
    const record = records.get(saga);
    if (!record) throw new Error(`saga ${saga.id} was not started by this engine`);
    return record;
  }
}
