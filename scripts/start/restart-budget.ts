/**
 * How many restarts a service gets: `limit` within `windowMs`. A service that keeps failing its
 * liveness check after that many restarts has a problem a restart does not fix.
 */
export class RestartBudget {
  private readonly restarts = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Takes one restart for `name`: its number (1-based), or undefined when none is left. */
  take(name: string, now = Date.now()): number | undefined {
    const recent = (this.restarts.get(name) ?? []).filter((at) => now - at < this.windowMs);
    if (recent.length >= this.limit) return undefined;
    recent.push(now);
    this.restarts.set(name, recent);
    return recent.length;
  }
}
