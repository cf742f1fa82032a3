/** One row of the "what runs where" table. */
export interface StatusRow {
  service: string;
  pid: number | undefined;
  httpPort: number;
  grpcPort?: number;
  store: string;
  logFile: string;
}

const HEADERS = ['service', 'pid', 'HTTP', 'gRPC', 'store', 'log'];

/** A plain-text table, columns padded to their widest cell, no trailing spaces. */
export function renderStatusTable(rows: readonly StatusRow[]): string {
  const cells = rows.map((row) => [
    row.service,
    row.pid === undefined ? '-' : String(row.pid),
    `http://localhost:${row.httpPort}`,
    row.grpcPort === undefined ? '-' : `localhost:${row.grpcPort}`,
    row.store,
    row.logFile,
  ]);
  const table = [HEADERS, ...cells];
  const widths = HEADERS.map((_, column) => Math.max(...table.map((line) => line[column]!.length)));
  const format = (line: string[]) =>
    line
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [format(HEADERS), rule, ...cells.map(format)].join('\n');
}
