import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { THRESHOLDS, type Threshold } from './coverage-thresholds.js';

interface Counts {
  total: number;
  covered: number;
}
type Summary = Record<string, { lines: Counts; branches: Counts }>;

export interface Row {
  part: string;
  lines: Counts;
  branches: Counts;
}

const percent = ({ total, covered }: Counts) => (total === 0 ? 100 : (100 * covered) / total);

/** c8's json-summary, file by file, added up per app and lib (apps/orders, libs/platform, …). */
export function rowsOf(summary: Summary, root: string): Row[] {
  const rows = new Map<string, Row>();
  for (const [file, counts] of Object.entries(summary)) {
    if (file === 'total') continue;
    const part = relative(root, file).split('/').slice(0, 2).join('/');
    const row = rows.get(part) ?? {
      part,
      lines: { total: 0, covered: 0 },
      branches: { total: 0, covered: 0 },
    };
    for (const kind of ['lines', 'branches'] as const) {
      row[kind].total += counts[kind].total;
      row[kind].covered += counts[kind].covered;
    }
    rows.set(part, row);
  }
  return [...rows.values()].sort((a, b) => a.part.localeCompare(b.part));
}

/** Each part below its threshold, and each threshold no part answered (a renamed folder). */
export function shortfalls(rows: Row[], thresholds: Record<string, Threshold>): string[] {
  const problems = Object.keys(thresholds)
    .filter((part) => !rows.some((row) => row.part === part))
    .map((part) => `${part}: no coverage at all (renamed or not tested?)`);
  for (const row of rows) {
    const floor = thresholds[row.part];
    if (!floor) {
      problems.push(`${row.part}: has no threshold in scripts/test-suite/coverage-thresholds.ts`);
      continue;
    }
    for (const kind of ['lines', 'branches'] as const) {
      const got = percent(row[kind]);
      if (got < floor[kind])
        problems.push(`${row.part}: ${kind} ${got.toFixed(1)} % < ${floor[kind]} %`);
    }
  }
  return problems;
}

function table(rows: Row[]): string {
  const cell = (counts: Counts) =>
    `${percent(counts).toFixed(1).padStart(5)} % (${counts.covered}/${counts.total})`.padEnd(24);
  const lines = rows.map((row) => `${row.part.padEnd(16)}${cell(row.lines)}${cell(row.branches)}`);
  return [`${'part'.padEnd(16)}${'lines'.padEnd(24)}branches`, ...lines].join('\n');
}

// node dist/scripts/test-suite/coverage-table.js coverage/coverage-summary.json
if (process.argv[1]?.endsWith('coverage-table.js')) {
  const summary = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Summary;
  const rows = rowsOf(summary, process.cwd());
  process.stdout.write(`\nCoverage per app and lib (lcov: coverage/lcov.info)\n${table(rows)}\n`);
  const problems = shortfalls(rows, THRESHOLDS);
  for (const problem of problems) process.stderr.write(`coverage below threshold: ${problem}\n`);
  process.exitCode = problems.length > 0 ? 1 : 0;
}
