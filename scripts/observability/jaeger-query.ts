/** A span as Jaeger's query API (`/api/traces`) returns it. */
interface JaegerSpan {
  traceID: string;
  spanID: string;
  operationName: string;
  processID: string;
  tags: { key: string; value: unknown }[];
}

interface JaegerApiTrace {
  traceID: string;
  spans: JaegerSpan[];
  processes: Record<string, { serviceName: string }>;
}

/** A trace, with each span summed up as `<service>:<kind>` (server, client, saga, pg, mongodb). */
export interface JaegerTrace {
  traceID: string;
  spans: JaegerSpan[];
  kinds: Set<string>;
}

function kindOf(span: JaegerSpan): string {
  const tag = (key: string) => span.tags.find((t) => t.key === key)?.value;
  const db = tag('db.system.name') ?? tag('db.system');
  if (db === 'postgresql') return 'pg';
  if (db === 'mongodb') return 'mongodb';
  if (span.operationName.startsWith('saga ')) return 'saga';
  return String(tag('span.kind') ?? 'internal');
}

function summarize(trace: JaegerApiTrace): JaegerTrace {
  const kinds = new Set(
    trace.spans.map((span) => `${trace.processes[span.processID]?.serviceName}:${kindOf(span)}`),
  );
  return { traceID: trace.traceID, spans: trace.spans, kinds };
}

/**
 * Polls Jaeger for the trace of the order (the saga's step spans carry the order id as
 * saga.correlation_id, libs/saga's step executor) until
 * `complete` says every expected span has arrived (the services export in their own batches).
 */
export async function findTrace(
  queryBase: string,
  orderId: string,
  complete: (trace: JaegerTrace) => boolean,
  timeoutMs = 30_000,
): Promise<JaegerTrace> {
  const tags = encodeURIComponent(JSON.stringify({ 'saga.correlation_id': orderId }));
  const url = `${queryBase}/api/traces?service=orders&tags=${tags}&lookback=1h&limit=5`;
  const deadline = Date.now() + timeoutMs;
  let last: JaegerTrace | undefined;
  for (;;) {
    const response = await fetch(url);
    if (response.ok) {
      const { data } = (await response.json()) as { data: JaegerApiTrace[] | null };
      const traces = (data ?? []).map(summarize);
      if (traces.length > 1) throw new Error(`${traces.length} traces carry order ${orderId}`);
      last = traces[0];
      if (last && complete(last)) return last;
    }
    if (Date.now() > deadline) {
      const seen = last ? [...last.kinds].join(', ') : 'no trace';
      throw new Error(
        `Jaeger has no complete trace of order ${orderId} after ${timeoutMs} ms (${seen})`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
