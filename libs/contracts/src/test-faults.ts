/**
 * The test-only fault switch's markers (orders, with SAGA_FAULTS_ENABLED=true; refused in
 * production): an order whose description contains one misbehaves on purpose, so end-to-end
 * tests, the demo and the chaos run can force the saga's unhappy paths through the real API.
 */
export const FAULT_MARKERS = {
  /** The confirm step fails: the charge is refunded and the order CANCELLED. */
  failConfirm: '[fail-confirm]',
  /** The confirm step waits SLOW_CONFIRM_MS first, so a test can kill orders mid-saga. */
  slowConfirm: '[slow-confirm]',
  /** The refund fails while the fault is armed (at start): the saga ends STUCK. */
  failRefund: '[fail-refund]',
  /** The refund reports success without refunding: a broken compensation the checker must catch. */
  skipRefund: '[skip-refund]',
} as const;

export const SLOW_CONFIRM_MS = 3_000;
