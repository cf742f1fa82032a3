/** How a service's log line is shown on the launcher's console. */
export interface FormatOptions {
  /** Width the `[name]` prefix is padded to, so columns line up. */
  prefixWidth: number;
  color: boolean;
}

const LEVELS: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

// Business and correlation ids worth seeing at a glance; everything else stays in the log file.
const KEY_IDS = ['order_id', 'saga_id', 'payment_id', 'customer_id', 'user_id', 'step'];
// What failed and why (an `rpc failed` line says nothing without them).
const KEY_FACTS = ['rpc', 'code', 'reason'];

const SERVICE_COLORS: Record<string, string> = { auth: '36', payments: '35', orders: '32' };
const LEVEL_COLORS: Record<string, string> = { warn: '33', error: '31', fatal: '31' };

/**
 * One console line per log record: `[orders]   info  msg  k=v …`. JSON records (pino) are
 * compacted to level, message, request line and key ids; anything else is shown as written.
 */
export function formatLogLine(service: string, line: string, options: FormatOptions): string {
  const prefix = paint(`[${service}]`.padEnd(options.prefixWidth), colorOf(service), options);
  const record = parseRecord(line);
  if (!record) return `${prefix} ${line}`;
  const level = LEVELS[Number(record.level)] ?? String(record.level ?? 'log');
  const parts = [paint(level.padEnd(5), LEVEL_COLORS[level], options), messageOf(record)];
  const request = requestOf(record);
  if (request) parts.push(request);
  for (const key of KEY_IDS) {
    if (record[key] !== undefined) parts.push(`${key}=${String(record[key])}`);
  }
  for (const key of KEY_FACTS) {
    if (record[key] !== undefined && record[key] !== null)
      parts.push(`${key}=${shown(record[key])}`);
  }
  if (typeof record.trace_id === 'string') parts.push(`trace=${record.trace_id.slice(0, 8)}`);
  const error = errorOf(record);
  if (error) parts.push(`err=${JSON.stringify(error)}`);
  return `${prefix} ${parts.join('  ')}`;
}

type LogRecord = Record<string, unknown>;

function parseRecord(line: string): LogRecord | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as LogRecord)
      : undefined;
  } catch {
    return undefined;
  }
}

function messageOf(record: LogRecord): string {
  const msg = typeof record.msg === 'string' ? record.msg : '';
  return typeof record.context === 'string' && record.context !== ''
    ? `${msg} (${record.context})`
    : msg;
}

/** pino-http records: `GET /v1/orders/42 → 404 3ms`. */
function requestOf(record: LogRecord): string | undefined {
  const req = record.req as { method?: string; url?: string } | undefined;
  const res = record.res as { statusCode?: number } | undefined;
  if (!req?.method || !req.url) return undefined;
  const status = res?.statusCode !== undefined ? ` → ${res.statusCode}` : '';
  const took = typeof record.responseTime === 'number' ? ` ${record.responseTime}ms` : '';
  return `${req.method} ${req.url}${status}${took}`;
}

function errorOf(record: LogRecord): string | undefined {
  const err = record.err as { message?: string } | undefined;
  if (err?.message) return err.message;
  return typeof record.error === 'string' ? record.error : undefined;
}

/** Quoted when it has spaces, so the line still splits into fields. */
function shown(value: unknown): string {
  const text = String(value);
  return /\s/.test(text) ? JSON.stringify(text) : text;
}

function colorOf(service: string): string {
  return SERVICE_COLORS[service] ?? '1';
}

function paint(text: string, color: string | undefined, options: FormatOptions): string {
  return options.color && color ? `\u001b[${color}m${text}\u001b[0m` : text;
}
