import type { Violation } from '#testing';

/** A definition version's steps in order, as orders lists them (/console/api/saga-definitions). */
export interface VersionSteps {
  type: string;
  version: number;
  steps: { name: string; compensable: boolean }[];
}

/** A saga as stored, with its timeline's engine rows in the order they were written. */
export interface RecordedSaga {
  orderId: string;
  type: string;
  version: number;
  status: string;
  rows: { step: string; action: string; outcome: string }[];
}

/**
 * Whether each saga ran exactly the steps of its own definition version, in order: forward
 * through its steps one by one (a step may repeat while retried), then, if it turned back,
 * compensating only compensable steps it had run, each once succeeded, going backwards; and a
 * COMPLETED saga ran every one of them.
 */
export function versionConformance(
  definitions: readonly VersionSteps[],
  sagas: readonly RecordedSaga[],
): Violation[] {
  const violations: Violation[] = [];
  for (const saga of sagas) {
    const problem = conformanceProblem(definitions, saga);
    if (problem) {
      violations.push({
        invariant: 'own-version-steps',
        orderId: saga.orderId,
        detail: `${saga.type} v${saga.version}: ${problem}`,
      });
    }
  }
  return violations;
}

function conformanceProblem(definitions: readonly VersionSteps[], saga: RecordedSaga) {
  const definition = definitions.find((d) => d.type === saga.type && d.version === saga.version);
  if (!definition) return 'no such definition version';
  const index = (name: string) => definition.steps.findIndex((step) => step.name === name);
  const ran = saga.rows.filter((row) => row.action === 'execute' || row.action === 'compensate');
  let furthest = -1;
  let compensating = false;
  let lastCompensated = Infinity;
  for (const row of ran) {
    const at = index(row.step);
    if (at < 0) return `ran step ${row.step}, which this version does not have`;
    if (row.action === 'execute') {
      if (compensating) return `executed ${row.step} after compensating`;
      if (at > furthest + 1 || at < furthest) return `executed ${row.step} out of order`;
      furthest = Math.max(furthest, at);
      continue;
    }
    compensating = true;
    if (!definition.steps[at]!.compensable)
      return `compensated ${row.step}, which has no compensation`;
    if (at > furthest) return `compensated ${row.step} before running it`;
    if (at > lastCompensated) return `compensated ${row.step} out of reverse order`;
    if (row.outcome === 'succeeded') lastCompensated = at;
  }
  if (saga.status === 'COMPLETED' && (compensating || furthest !== definition.steps.length - 1)) {
    return 'COMPLETED without running every step of its version';
  }
  return undefined;
}
