import { useEffect, useState } from 'preact/hooks';
import { NO_FILTERS, type Filters } from './types.js';

const STATUSES = [
  ['', 'Any status'],
  ['running', 'Running'],
  ['compensating', 'Compensating'],
  ['stuck', 'Stuck'],
  ['terminal', 'Terminal (any)'],
  ['completed', 'Completed'],
  ['rejected', 'Rejected'],
  ['compensated', 'Compensated'],
] as const;
const TYPES = [
  ['', 'Any type'],
  ['create-order', 'create-order'],
  ['cancel-order', 'cancel-order'],
] as const;
const AGES = [
  ['', 'Any age'],
  ['60', 'Older than 1 min'],
  ['300', 'Older than 5 min'],
  ['900', 'Older than 15 min'],
  ['3600', 'Older than 1 h'],
  ['86400', 'Older than 1 day'],
] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function Select(props: {
  id: string;
  label: string;
  value: string;
  options: readonly (readonly [string, string])[];
  onChange(value: string): void;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select
        id={props.id}
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      >
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The list's filters; each change applies at once (and lands in the address, to share). */
export function FilterBar(props: { filters: Filters; onChange(filters: Filters): void }) {
  const { filters } = props;
  const [orderId, setOrderId] = useState(filters.order_id);
  useEffect(() => setOrderId(filters.order_id), [filters.order_id]);
  const set = (change: Partial<Filters>) => props.onChange({ ...filters, ...change });
  const orderIdValid = orderId === '' || UUID.test(orderId.trim());

  return (
    <form
      class="filters"
      aria-label="Filter sagas"
      onSubmit={(e) => {
        e.preventDefault();
        if (orderIdValid) set({ order_id: orderId.trim() });
      }}
    >
      <Select
        id="f-status"
        label="Status"
        value={filters.status}
        options={STATUSES}
        onChange={(status) => set({ status })}
      />
      <Select
        id="f-type"
        label="Type"
        value={filters.type}
        options={TYPES}
        onChange={(type) => set({ type })}
      />
      <Select
        id="f-age"
        label="Age"
        value={filters.min_age_s}
        options={AGES}
        onChange={(min_age_s) => set({ min_age_s })}
      />
      <div class="field">
        <label for="f-order">Order id</label>
        <input
          id="f-order"
          value={orderId}
          placeholder="full order UUID"
          spellcheck={false}
          aria-invalid={!orderIdValid}
          aria-describedby={orderIdValid ? undefined : 'f-order-error'}
          onInput={(e) => setOrderId(e.currentTarget.value)}
          onBlur={() =>
            orderIdValid && orderId.trim() !== filters.order_id && set({ order_id: orderId.trim() })
          }
        />
        {!orderIdValid && (
          <span id="f-order-error" class="error-text">
            An order id is a UUID
          </span>
        )}
      </div>
      <div class="field checkbox">
        <input
          id="f-overdue"
          type="checkbox"
          checked={filters.overdue === 'true'}
          onChange={(e) => set({ overdue: e.currentTarget.checked ? 'true' : '' })}
        />
        <label for="f-overdue">Overdue only</label>
      </div>
      <button type="button" class="link-button" onClick={() => props.onChange({ ...NO_FILTERS })}>
        Clear filters
      </button>
    </form>
  );
}
