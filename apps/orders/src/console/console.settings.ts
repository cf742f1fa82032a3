export interface ConsoleSettings {
  /** A saga unfinished this long after its start is overdue. */
  overdueAfterMs: number;
  /** The lease an operator's retry takes on the saga it hands straight to this engine. */
  leaseMs: number;
  /** Trace viewer page with `{traceId}`; empty: no links. */
  traceViewerUrl: string;
  /** Where the console's sign-in is forwarded (auth's POST /v1/auth/login). */
  authUrl: string;
}

export const CONSOLE_SETTINGS = Symbol('CONSOLE_SETTINGS');

/** How often the page polls the list and the open saga: live enough, and at most 2 s. */
export const POLL_INTERVAL_MS = 1_500;
