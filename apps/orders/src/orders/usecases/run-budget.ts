/** How long a request waits for its saga before answering with the order's current state. */
export const SAGA_RUN_BUDGET_MS = Symbol('SAGA_RUN_BUDGET_MS');
