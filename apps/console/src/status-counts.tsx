import type { Counts, Filters, VersionInFlight } from './types.js';

interface Tile {
  label: string;
  count: (counts: Counts) => number;
  filters: Pick<Filters, 'status' | 'overdue'>;
  alarm?: boolean;
}

const TILES: Tile[] = [
  { label: 'All', count: (c) => c.total, filters: { status: '', overdue: '' } },
  { label: 'Running', count: (c) => c.running, filters: { status: 'running', overdue: '' } },
  {
    label: 'Compensating',
    count: (c) => c.compensating,
    filters: { status: 'compensating', overdue: '' },
  },
  { label: 'Stuck', count: (c) => c.stuck, filters: { status: 'stuck', overdue: '' }, alarm: true },
  {
    label: 'Overdue',
    count: (c) => c.overdue,
    filters: { status: '', overdue: 'true' },
    alarm: true,
  },
  { label: 'Terminal', count: (c) => c.terminal, filters: { status: 'terminal', overdue: '' } },
];

/** The counts per status, each a button that filters the list to it. */
export function StatusCounts(props: {
  counts: Counts | undefined;
  versions: VersionInFlight[] | undefined;
  filters: Filters;
  onPick(filters: Pick<Filters, 'status' | 'overdue'>): void;
}) {
  const { counts, filters } = props;
  return (
    <nav class="counts" aria-label="Sagas by status">
      {TILES.map((tile) => {
        const active =
          tile.filters.status === filters.status && tile.filters.overdue === filters.overdue;
        const count = counts ? tile.count(counts) : undefined;
        const alarming = tile.alarm && count !== undefined && count > 0;
        return (
          <button
            type="button"
            key={tile.label}
            class={`count-tile${alarming ? ' alarm' : ''}`}
            aria-pressed={active}
            onClick={() => props.onPick(tile.filters)}
          >
            <span class="count-value">{count ?? '…'}</span>
            <span class="count-label">{tile.label}</span>
          </button>
        );
      })}
      {counts && (
        <p class="count-detail muted">
          Terminal: {counts.completed} completed, {counts.rejected} rejected, {counts.compensated}{' '}
          compensated
        </p>
      )}
      {props.versions && props.versions.length > 0 && (
        <p class="count-detail muted" data-testid="in-flight-by-version">
          In flight by version:{' '}
          {props.versions
            .map(({ type, version, in_flight }) => `${type} v${version}: ${in_flight}`)
            .join(' · ')}
        </p>
      )}
    </nav>
  );
}
