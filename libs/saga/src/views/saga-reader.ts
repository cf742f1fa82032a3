import { Inject, Injectable } from '@nestjs/common';
import { SagaRegistry } from '../definition/saga-registry.js';
import type { UnfinishedVersion } from '../errors/missing-saga-versions.error.js';
import { PostgresSagaQueries } from '../store/postgres/postgres-saga.queries.js';
import { SAGA_STORE, type SagaStore } from '../store/saga-store.port.js';
import { toDefinitionView, type SagaDefinitionView } from './definition-view.js';
import type { SagaCursor, SagaFilter, StatusCount } from './saga-filter.js';
import {
  toSagaView,
  toTimelineView,
  type SagaView,
  type SagaWithTimeline,
  type TimelineView,
} from './saga-view.js';

/** Read models of sagas for apps: what they show their users and operators. */
@Injectable()
export class SagaReader {
  constructor(
    private readonly queries: PostgresSagaQueries,
    @Inject(SAGA_STORE) private readonly store: SagaStore,
    private readonly registry: SagaRegistry,
  ) {}

  /** Every registered definition version, by type and version. */
  definitions(): SagaDefinitionView[] {
    return this.registry
      .versions()
      .sort((a, b) => a.type.localeCompare(b.type) || a.version - b.version)
      .map(({ type, version }) =>
        toDefinitionView(
          this.registry.get(type, version),
          this.registry.newest(type).version === version,
        ),
      );
  }

  async get(sagaId: string): Promise<SagaView | null> {
    const saga = await this.queries.findById(sagaId);
    return saga && toSagaView(saga);
  }

  /** The sagas about one business object (an order's create and cancel sagas), oldest first. */
  async ofCorrelation(correlationId: string): Promise<SagaView[]> {
    return (await this.queries.findByCorrelation(correlationId)).map(toSagaView);
  }

  async withTimelines(correlationId: string): Promise<SagaWithTimeline[]> {
    const sagas = await this.ofCorrelation(correlationId);
    return Promise.all(
      sagas.map(async (saga) => ({ saga, timeline: await this.timeline(saga.id) })),
    );
  }

  async timeline(sagaId: string): Promise<TimelineView[]> {
    return (await this.queries.timeline(sagaId)).map(toTimelineView);
  }

  async list(filter: SagaFilter, limit: number, after?: SagaCursor): Promise<SagaView[]> {
    return (await this.queries.list(filter, limit, after)).map(toSagaView);
  }

  counts(overdueBefore: Date): Promise<StatusCount[]> {
    return this.queries.counts(overdueBefore);
  }

  /** Unfinished sagas per type and definition version: what a deploy must keep. */
  inFlightByVersion(): Promise<UnfinishedVersion[]> {
    return this.store.unfinishedVersions();
  }
}
