import { useState } from 'preact/hooks';
import { api } from './api.js';
import { FilterBar } from './filters.js';
import { duration, money, shortId } from './format.js';
import { hrefOf, navigate, queryOf, type Route } from './route.js';
import { StatusBadge } from './status-badge.js';
import { StatusCounts } from './status-counts.js';
import type { Filters, SagaPage } from './types.js';
import { usePoll } from './use-poll.js';

const PAGE_SIZE = 25;

/** Counts, filters and the live list of sagas, newest first, page by page (keyset cursor). */
export function SagaList(props: { token: string; route: Route; intervalMs: number }) {
  const { route } = props;
  const filterQuery = queryOf(route.filters);
  // Tokens of the pages before the current one (empty on the newest), for these filters only.
  const [paging, setPaging] = useState({ filterQuery, cursors: [] as string[] });
  const cursors = paging.filterQuery === filterQuery ? paging.cursors : [];
  const setCursors = (next: string[]) => setPaging({ filterQuery, cursors: next });
  const pageToken = cursors.at(-1) ?? '';
  const params = new URLSearchParams(filterQuery);
  params.set('page_size', String(PAGE_SIZE));
  if (pageToken) params.set('page_token', pageToken);
  const query = params.toString();

  const list = usePoll(
    (signal) => api<SagaPage>(`/console/api/sagas?${query}`, { token: props.token, signal }),
    query,
    props.intervalMs,
  );
  const setFilters = (filters: Filters) => navigate({ ...route, filters });
  const page = list.data;

  return (
    <section class="list-pane" aria-labelledby="list-heading">
      <h2 id="list-heading" class="visually-hidden">
        Sagas
      </h2>
      <StatusCounts
        counts={page?.counts}
        versions={page?.in_flight_by_version}
        filters={route.filters}
        onPick={(picked) => setFilters({ ...route.filters, ...picked })}
      />
      <FilterBar filters={route.filters} onChange={setFilters} />
      {list.error && (
        <p class="error-text" role="status">
          Could not refresh the list: {list.error.message}
        </p>
      )}
      <table class="sagas">
        <caption class="visually-hidden">
          Sagas matching the filters, newest first{cursors.length ? ', older page' : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">Saga</th>
            <th scope="col">Status</th>
            <th scope="col">Step</th>
            <th scope="col">Order</th>
            <th
              scope="col"
              title="How long ago an unfinished saga started; how long a finished one took"
            >
              Age
            </th>
          </tr>
        </thead>
        <tbody>
          {page?.sagas.map((saga) => (
            <tr
              key={saga.id}
              data-saga-id={saga.id}
              data-order-id={saga.order_id}
              class={`status-row-${saga.status.toLowerCase()}`}
              aria-current={saga.id === route.sagaId ? 'true' : undefined}
            >
              <td>
                <a href={hrefOf({ ...route, sagaId: saga.id })}>
                  <code>{shortId(saga.id)}</code> {saga.type}{' '}
                  <span class="muted">v{saga.version}</span>
                </a>
              </td>
              <td>
                <StatusBadge status={saga.status} overdue={saga.overdue} />
              </td>
              <td>
                {saga.step}
                {saga.attempts > 0 && <span class="muted"> · {saga.attempts} attempts</span>}
              </td>
              <td>
                <code>{shortId(saga.order_id)}</code>{' '}
                <span class="muted">{money(saga.order?.amount)}</span>
              </td>
              <td class="age">
                {saga.took_ms === null ? (
                  duration(saga.age_ms)
                ) : (
                  <span class="muted">took {duration(saga.took_ms)}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {page && page.sagas.length === 0 && <p class="empty">No saga matches these filters.</p>}
      {!page && !list.error && <p class="muted">Loading…</p>}
      <div class="pager">
        <button
          type="button"
          disabled={cursors.length === 0}
          onClick={() => setCursors(cursors.slice(0, -1))}
        >
          ← Newer
        </button>
        <button
          type="button"
          disabled={!page?.next_page_token}
          onClick={() => page && setCursors([...cursors, page.next_page_token])}
        >
          Older →
        </button>
      </div>
    </section>
  );
}
