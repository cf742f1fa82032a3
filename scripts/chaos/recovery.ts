import type { Violation } from '#testing';

export interface Recovery {
  /** Time until every order and saga was terminal; undefined when the window ran out first. */
  recoveredMs?: number;
  /** The last check's violations: the run's verdict. */
  violations: Violation[];
}

/** Not yet finished, as opposed to finished wrong: these may still resolve while sagas run. */
const UNFINISHED = new Set(['terminal', 'saga-terminal']);

/**
 * Checks the invariants every `pollMs` until nothing is left unfinished or `windowMs` passes.
 * Other violations are final once everything is terminal, so that check is the verdict.
 */
export async function awaitRecovery(
  check: () => Promise<Violation[]>,
  windowMs: number,
  pollMs = 500,
): Promise<Recovery> {
  const started = Date.now();
  for (;;) {
    const violations = await check();
    const elapsed = Date.now() - started;
    if (!violations.some((violation) => UNFINISHED.has(violation.invariant))) {
      return { recoveredMs: elapsed, violations };
    }
    if (elapsed >= windowMs) return { violations };
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
