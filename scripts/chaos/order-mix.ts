import { randomUUID } from 'node:crypto';
import { FAULT_MARKERS } from '#contracts';
import type { Random } from './random.js';

const {
  failConfirm: FAIL_CONFIRM,
  slowConfirm: SLOW_CONFIRM,
  skipRefund: SKIP_REFUND,
} = FAULT_MARKERS;

/** The decline limit payments applies by default (1000.00). */
export const DECLINE_LIMIT_MINOR = 100_000;

export type OrderKind = 'approve' | 'decline' | 'fail-confirm' | 'slow-confirm';

export interface PlannedOrder {
  index: number;
  idempotencyKey: string;
  kind: OrderKind;
  amountMinor: number;
  description: string;
  /** Also sent a second time, concurrently, with the same key (a client retrying). */
  duplicate: boolean;
  /** Cancelled once approved (the refund saga). */
  cancel: boolean;
}

export interface MixOptions {
  /** Proof that the checker bites: compensations of fail-confirm orders skip the refund. */
  breakCompensation: boolean;
  /** A rolling deploy mid-stream: more orders held in confirm, so some are mid-saga at each stop. */
  upgrade?: boolean;
}

/**
 * One order of the stream, drawn from the seeded mix: mostly approved, some declined (≥ 1000.00),
 * some failing confirm (compensated), a few held in confirm so kills land mid-saga.
 */
export function planOrder(random: Random, index: number, options: MixOptions): PlannedOrder {
  const roll = random.next();
  const slowUpTo = options.upgrade ? 0.37 : 0.29;
  const kind: OrderKind =
    roll < 0.15
      ? 'decline'
      : roll < 0.27
        ? 'fail-confirm'
        : roll < slowUpTo
          ? 'slow-confirm'
          : 'approve';
  const amountMinor =
    kind === 'decline'
      ? random.int(DECLINE_LIMIT_MINOR, DECLINE_LIMIT_MINOR * 5)
      : random.int(1, DECLINE_LIMIT_MINOR - 1);
  const markers = {
    approve: '',
    decline: '',
    'fail-confirm': options.breakCompensation
      ? ` ${FAIL_CONFIRM} ${SKIP_REFUND}`
      : ` ${FAIL_CONFIRM}`,
    'slow-confirm': ` ${SLOW_CONFIRM}`,
  };
  return {
    index,
    idempotencyKey: `chaos-${index}-${randomUUID()}`,
    kind,
    amountMinor,
    description: `chaos order #${index}${markers[kind]}`,
    duplicate: random.chance(0.08),
    cancel: kind === 'approve' && random.chance(0.06),
  };
}
