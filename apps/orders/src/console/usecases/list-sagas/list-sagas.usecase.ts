import { Inject, Injectable } from '@nestjs/common';
import type { OrderEntity } from '../../../orders/persistence/order.entity.js';
import type { SagaInstanceEntity } from '../../../saga/persistence/saga-instance.entity.js';
import { CONSOLE_SETTINGS, type ConsoleSettings } from '../../console.settings.js';
import {
  isOverdue,
  STATUS_FILTERS,
  type SagaFilter,
  type StatusFilter,
} from '../../domain/saga-views.js';
import { SagaAdminRepository, type StatusCount } from '../../persistence/saga-admin.repository.js';
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
  saga: SagaInstanceEntity;
  order?: OrderEntity;
  overdue: boolean;
}

export interface SagaPage {
  sagas: SagaSummary[];
  nextPageToken: string;
  /** Across all sagas, whatever the filter: the console's header. */
  counts: StatusCount[];
  now: Date;
}

/** Every saga (admins only), newest first, filtered, keyset-paginated, with counts per status. */
@Injectable()
export class ListSagasUseCase {
  constructor(
    private readonly sagas: SagaAdminRepository,
    @Inject(CONSOLE_SETTINGS) private readonly settings: ConsoleSettings,
  ) {}

  async execute(query: ListSagasQuery): Promise<SagaPage> {
    const now = new Date();
    const after = query.pageToken ? decodePageToken(query.pageToken) : undefined;
    const overdueBefore = new Date(now.getTime() - this.settings.overdueAfterMs);
    const [rows, counts] = await Promise.all([
      this.sagas.list(this.filterOf(query, now, overdueBefore), query.pageSize + 1, after),
      this.sagas.counts(overdueBefore),
    ]);
    const page = rows.slice(0, query.pageSize);
    const orders = await this.sagas.ordersOf(page);
    const last = page.at(-1);
    return {
      sagas: page.map((saga) => ({
        saga,
        order: orders.get(saga.orderId),
        overdue: isOverdue(saga, now, this.settings.overdueAfterMs),
      })),
      nextPageToken: rows.length > query.pageSize && last ? encodePageToken(last) : '',
      counts,
      now,
    };
  }

  private filterOf(query: ListSagasQuery, now: Date, overdueBefore: Date): SagaFilter {
    const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);
    return {
      statuses: query.status ? STATUS_FILTERS[query.status] : undefined,
      type: query.type,
      orderId: query.orderId,
      startedBefore: query.minAgeSeconds !== undefined ? ago(query.minAgeSeconds) : undefined,
      startedAfter: query.maxAgeSeconds !== undefined ? ago(query.maxAgeSeconds) : undefined,
      overdueBefore: query.overdue ? overdueBefore : undefined,
    };
  }
}
