export interface DemoStep {
  step: string;
  action: string;
  outcome: string;
  attempt: number;
  duration_ms: number;
  error: string;
}

export interface DemoSaga {
  type: string;
  status: string;
  steps: DemoStep[];
}

/** A saga's timeline as an aligned text table. */
export function timelineTable(sagas: DemoSaga[]): string {
  const rows = [['saga', 'step', 'action', 'outcome', 'try', 'ms', 'error']];
  for (const saga of sagas) {
    for (const step of saga.steps) {
      rows.push([
        `${saga.type} (${saga.status})`,
        step.step,
        step.action,
        step.outcome,
        String(step.attempt),
        String(step.duration_ms),
        step.error.length > 60 ? `${step.error.slice(0, 57)}...` : step.error,
      ]);
    }
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map(
      (row) =>
        '  ' +
        row
          .map((cell, i) => cell.padEnd(widths[i]!))
          .join('  ')
          .trimEnd(),
    )
    .join('\n');
}
