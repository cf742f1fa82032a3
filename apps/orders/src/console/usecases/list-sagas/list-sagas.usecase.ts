import { Inject, Injectable } from '@nestjs/common';
import {
  SagaReader,
  type SagaFilter,
  type SagaView,
  type StatusCount,
  type UnfinishedVersion,
} from '#saga';
import type { Order } from '../../../orders/domain/order.js';
import { OrderRepository } from '../../../orders/persistence/order.repository.js';
import { CONSOLE_SETTINGS, type ConsoleSettings } from '../../console.settings.js';
import { isOverdue, STATUS_FILTERS, type StatusFilter } from '../saga-filters.js';
import { decodePageToken, encodePageToken } from './saga-page-token.js';

export interface ListSagasQuery {
  status?: StatusFilter;
  type?: string;
  orderId?: string;
  /** Started at least this long ago. */
  minAgeSeconds?: number;
  /** Started at most this long ago. */
  maxAgeSeconds?: number;
  overdue?: boolean;
  pageSize: number;
  pageToken: string;
}

export interface SagaSummary {
  saga: SagaView;
  order?: Order;
  overdue: boolean;
}

export interface SagaPage {
  sagas: SagaSummary[];
  nextPageToken: string;
  /** Across all sagas, whatever the filter: the console's header. */
  counts: StatusCount[];
  /** Unfinished sagas per type and definition version: what a deploy must still carry. */
  versions: UnfinishedVersion[];
  now: Date;
}

/** Every saga (admins only), newest first, filtered, keyset-paginated, with counts per status. */
@Injectable()
export class ListSagasUseCase {
  constructor(
    private readonly sagas: SagaReader,
    private readonly orders: OrderRepository,
    @Inject(CONSOLE_SETTINGS) private readonly settings: ConsoleSettings,
  ) {}

  async execute(query: ListSagasQuery): Promise<SagaPage> {
    const now = new Date();
    const after = query.pageToken ? decodePageToken(query.pageToken) : undefined;
    const overdueBefore = new Date(now.getTime() - this.settings.overdueAfterMs);
    const [rows, counts, versions] = await Promise.all([
      this.sagas.list(this.filterOf(query, now, overdueBefore), query.pageSize + 1, after),
      this.sagas.counts(overdueBefore),
      this.sagas.inFlightByVersion(),
    ]);
    const page = rows.slice(0, query.pageSize);
    const found = await this.orders.findByIds([...new Set(page.map((s) => s.correlationId))]);
    const orders = new Map(found.map((order) => [order.id, order]));
    const last = page.at(-1);
    return {
      sagas: page.map((saga) => ({
        saga,
        order: orders.get(saga.correlationId),
        overdue: isOverdue(saga, now, this.settings.overdueAfterMs),
      })),
      nextPageToken: rows.length > query.pageSize && last ? encodePageToken(last) : '',
      counts,
      versions,
      now,
    };
  }

  private filterOf(query: ListSagasQuery, now: Date, overdueBefore: Date): SagaFilter {
    const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);
    return {
      statuses: query.status ? STATUS_FILTERS[query.status] : undefined,
      type: query.type,
      correlationId: query.orderId,
      startedBefore: query.minAgeSeconds !== undefined ? ago(query.minAgeSeconds) : undefined,
      startedAfter: query.maxAgeSeconds !== undefined ? ago(query.maxAgeSeconds) : undefined,
      overdueBefore: query.overdue ? overdueBefore : undefined,
    };
  }
}
