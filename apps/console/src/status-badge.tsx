import type { SagaStatus } from './types.js';

/** A status as words and colour (never colour alone). */
export function StatusBadge(props: { status: SagaStatus | string; overdue?: boolean }) {
  return (
    <span class="badges">
      <span class={`badge status-${props.status.toLowerCase()}`}>{props.status}</span>
      {props.overdue && <span class="badge overdue">OVERDUE</span>}
    </span>
  );
}
