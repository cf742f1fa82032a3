// The admin API's JSON (apps/orders/src/console/transport/console.http-mapper.ts), as the page
// reads it. Apps never import each other, so the shapes are restated here.

export type SagaStatus =
  'RUNNING' | 'COMPENSATING' | 'STUCK' | 'COMPLETED' | 'REJECTED' | 'COMPENSATED';

export interface Money {
  currency_code: string;
  amount_minor: number;
}

export interface Saga {
  id: string;
  type: string;
  /** The definition version it started on and runs to its end on. */
  version: number;
  order_id: string;
  status: SagaStatus;
  step: string;
  attempts: number;
  ending: string | null;
  last_error: string;
  overdue: boolean;
  /** Since it started. */
  age_ms: number;
  /** From start to finish; null while it is not finished (STUCK included). */
  took_ms: number | null;
  next_attempt_at: string;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface SagaListItem extends Saga {
  order: { customer_id: string; status: string; amount: Money } | null;
}

export interface Counts {
  running: number;
  compensating: number;
  stuck: number;
  completed: number;
  rejected: number;
  compensated: number;
  terminal: number;
  overdue: number;
  total: number;
}

export interface VersionInFlight {
  type: string;
  version: number;
  in_flight: number;
}

export interface SagaPage {
  sagas: SagaListItem[];
  next_page_token: string;
  counts: Counts;
  /** Unfinished sagas (STUCK included) per type and definition version. */
  in_flight_by_version: VersionInFlight[];
  server_time: string;
}

export interface TimelineRow {
  seq: number;
  step: string;
  action: 'execute' | 'compensate' | 'operator';
  outcome: string;
  attempt: number;
  error: string;
  started_at: string;
  finished_at: string;
  duration_ms: number;
  trace_id: string;
  actor: string | null;
  note: string | null;
}

export interface PaymentEntry {
  status: string;
  reason: string;
  amount: Money | null;
  customer_id: string;
  history: { status: string; at: string | null; reason: string }[];
  created_at: string | null;
  updated_at: string | null;
}

export type PaymentView =
  | { state: 'found'; entry: PaymentEntry }
  | { state: 'none' }
  | { state: 'unavailable'; reason: string };

export interface Order {
  id: string;
  customer_id: string;
  amount: Money;
  description: string;
  status: string;
  status_reason: string;
  created_at: string;
}

export interface SagaDetail {
  saga: Saga;
  order: Order | null;
  timeline: TimelineRow[];
  related_sagas: { id: string; type: string; status: SagaStatus }[];
  payment: PaymentView;
  server_time: string;
}

export interface ConsoleConfig {
  trace_viewer_url: string;
  poll_interval_ms: number;
  overdue_after_ms: number;
}

/** The list's filters, as they appear in the page's address (#/?status=stuck&…). */
export interface Filters {
  status: string;
  type: string;
  order_id: string;
  min_age_s: string;
  overdue: string;
}

export const NO_FILTERS: Filters = {
  status: '',
  type: '',
  order_id: '',
  min_age_s: '',
  overdue: '',
};
