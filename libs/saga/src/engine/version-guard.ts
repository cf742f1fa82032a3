import { Inject, Injectable } from '@nestjs/common';
import { SagaRegistry } from '../definition/saga-registry.js';
import { MissingSagaVersionsError } from '../errors/missing-saga-versions.error.js';
import { SAGA_STORE, type SagaStore } from '../store/saga-store.port.js';

/**
 * Refuses to start an engine that lacks a definition version some unfinished saga started on:
 * each saga runs to its end on its own version, so a deploy must keep a version until its last
 * saga has ended (STUCK ones included: a person may retry them).
 */
@Injectable()
export class SagaVersionGuard {
  constructor(
    private readonly registry: SagaRegistry,
    @Inject(SAGA_STORE) private readonly store: SagaStore,
  ) {}

  async check(): Promise<void> {
    const unfinished = await this.store.unfinishedVersions();
    const missing = unfinished.filter(({ type, version }) => !this.registry.has(type, version));
    if (missing.length > 0) throw new MissingSagaVersionsError(missing);
  }
}
