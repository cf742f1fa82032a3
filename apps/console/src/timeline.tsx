import { clock, duration } from './format.js';
import { place, spanOf, ticks } from './timeline-scale.js';
import type { Saga, TimelineRow } from './types.js';

function traceLink(template: string, traceId: string) {
  if (!traceId) return <span class="muted">no trace</span>;
  if (!template) return <code>{traceId}</code>;
  const href = template.replace('{traceId}', encodeURIComponent(traceId));
  return (
    <a href={href} target="_blank" rel="noreferrer noopener">
      trace <code>{traceId.slice(0, 12)}…</code>
      <span class="visually-hidden"> (opens the trace viewer)</span>
    </a>
  );
}

function label(row: TimelineRow): string {
  if (row.action === 'operator') {
    return row.outcome === 'retry-now' ? 'retried by hand' : 'resolved by hand';
  }
  return `${row.step} · ${row.action}`;
}

/** A saga's steps drawn to scale in time, each with its outcome, error in full and trace. */
export function Timeline(props: {
  saga: Saga;
  rows: TimelineRow[];
  now: number;
  traceUrl: string;
}) {
  const { saga, rows } = props;
  const span = spanOf(saga, rows, props.now);
  if (rows.length === 0) return <p class="muted">No step has run yet.</p>;
  return (
    <div class="timeline">
      <div class="tl-axis" aria-hidden="true">
        {ticks(span).map((offset, i, all) => (
          <span key={i} style={{ left: `${(i / (all.length - 1)) * 100}%` }}>
            +{duration(offset)}
          </span>
        ))}
      </div>
      <ol
        class="tl-rows"
        aria-label={`Timeline, ${rows.length} entries, over ${duration(span.end - span.start)}`}
      >
        {rows.map((row) => {
          const { left, width } = place(row, span);
          const offset = Date.parse(row.started_at) - span.start;
          return (
            <li key={row.seq} class={`tl-row action-${row.action}`}>
              <div class="tl-head">
                <span class="tl-label">{label(row)}</span>
                <span class={`badge outcome-${row.outcome}`}>{row.outcome}</span>
                {row.action !== 'operator' && <span class="muted">attempt {row.attempt}</span>}
              </div>
              <div class="tl-track" aria-hidden="true">
                <span
                  class={`tl-bar outcome-${row.outcome}`}
                  style={{ left: `${left}%`, width: `${width}%` }}
                />
              </div>
              <div class="tl-meta muted">
                <span>
                  at {clock(row.started_at)} (+{duration(offset)})
                </span>
                <span>took {duration(row.duration_ms)}</span>
                {traceLink(props.traceUrl, row.trace_id)}
              </div>
              {row.action === 'operator' && (
                <p class="tl-operator">
                  by <strong>{row.actor}</strong>
                  {row.note ? <>: {row.note}</> : null}
                </p>
              )}
              {row.error && <pre class="tl-error">{row.error}</pre>}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
