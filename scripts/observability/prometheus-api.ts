/** The parts of Prometheus' HTTP API (v1) the live test reads. */
export interface PromAlert {
  labels: Record<string, string>;
  state: 'pending' | 'firing';
  activeAt: string;
  value: string;
}

export interface PromTarget {
  labels: { job: string; instance: string };
  health: 'up' | 'down' | 'unknown';
  lastError: string;
}

export interface PromRuleGroup {
  name: string;
  rules: { name: string; health: string; state?: string; lastError?: string }[];
}

export class PrometheusApi {
  constructor(readonly base: string) {}

  private async get<T>(path: string): Promise<T> {
    const response = await fetch(`${this.base}/api/v1/${path}`);
    const body = (await response.json()) as { status: string; data: T; error?: string };
    if (body.status !== 'success') throw new Error(`GET ${path}: ${body.error ?? response.status}`);
    return body.data;
  }

  alerts(): Promise<PromAlert[]> {
    return this.get<{ alerts: PromAlert[] }>('alerts').then((data) => data.alerts);
  }

  targets(): Promise<PromTarget[]> {
    return this.get<{ activeTargets: PromTarget[] }>('targets').then((data) => data.activeTargets);
  }

  ruleGroups(): Promise<PromRuleGroup[]> {
    return this.get<{ groups: PromRuleGroup[] }>('rules').then((data) => data.groups);
  }

  /** An instant query's samples: labels and value. */
  query(expr: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
    return this.get<{ result: { metric: Record<string, string>; value: [number, string] }[] }>(
      `query?query=${encodeURIComponent(expr)}`,
    ).then((data) => data.result);
  }
}

/** Polls `check` every 500 ms until it returns a value; fails naming `what` after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000}s: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
