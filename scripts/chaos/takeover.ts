import { percentile } from '../bench/stats.js';
import { ordersQuery } from './orders-db.js';

/** How an engine let go of its sagas: killed (its leases run out) or SIGTERMed (handed back). */
export type LetGo = 'killed' | 'handed back';

interface Departure {
  how: LetGo;
  sagaIds: string[];
  /** When the engine's process had exited, ms since the epoch. */
  goneAt: number;
}

export interface TakeoverStats {
  how: LetGo;
  /** Engines that went away holding sagas still unfinished. */
  engines: number;
  /** Their sagas that another engine went on with. */
  sagas: number;
  /** From the engine's exit to the first step another engine started, ms: p50 and max. */
  waitedP50Ms: number;
  waitedMaxMs: number;
  /** From the saga's last recorded transition to that step, ms: p50 and max. */
  sinceTransitionP50Ms: number;
  sinceTransitionMaxMs: number;
  /** Sagas nobody went on with by the end of the run. */
  notTakenOver: number;
}

// A saga that another engine went on with: the first step started after the engine was gone,
// and the saga's last transition before that (its start, or the last timeline row).
const RESUMED = `SELECT s.id,
    (SELECT min(started_at) FROM saga_steps WHERE saga_id = s.id AND started_at >= $2) AS resumed,
    GREATEST(s.created_at, (SELECT max(finished_at) FROM saga_steps
                             WHERE saga_id = s.id AND finished_at < $2)) AS last_transition
  FROM saga_instances s WHERE s.id = ANY($1)`;

/**
 * Measures how long sagas waited for another engine after theirs went away, from orders'
 * database alone: an engine's lease owner names its process id, so the sagas a process holds
 * can be listed at any moment, and the timeline says when someone next worked on each.
 */
export class TakeoverProbe {
  private readonly departures: Departure[] = [];

  constructor(private readonly ordersDbUrl: string) {}

  /** The unfinished sagas the engine in process `pid` holds a lease on right now. */
  async held(pid: number): Promise<string[]> {
    const rows = await ordersQuery<{ id: string }>(
      this.ordersDbUrl,
      `SELECT id FROM saga_instances
        WHERE owner LIKE $1 AND status IN ('RUNNING', 'COMPENSATING')`,
      [`%:${pid}:%`],
    );
    return rows.map((row) => row.id);
  }

  /**
   * The engine held `sagaIds` and its process exited at `goneAt`. A SIGTERMed engine may have
   * finished some while draining: those have no step after it exited and are not counted.
   */
  departed(how: LetGo, sagaIds: string[], goneAt: number): void {
    if (sagaIds.length > 0) this.departures.push({ how, sagaIds, goneAt });
  }

  /** Once every saga is terminal: the waits, per way of letting go. */
  async measure(): Promise<TakeoverStats[]> {
    const stats: TakeoverStats[] = [];
    for (const how of ['killed', 'handed back'] as const) {
      const departures = this.departures.filter((d) => d.how === how);
      if (departures.length === 0) continue;
      const waited: number[] = [];
      const sinceTransition: number[] = [];
      let notTakenOver = 0;
      for (const { sagaIds, goneAt } of departures) {
        const rows = await ordersQuery<{ id: string; resumed: Date | null; last_transition: Date }>(
          this.ordersDbUrl,
          RESUMED,
          [sagaIds, new Date(goneAt)],
        );
        for (const row of rows) {
          if (!row.resumed) {
            if (how === 'killed') notTakenOver += 1;
            continue;
          }
          waited.push(row.resumed.getTime() - goneAt);
          sinceTransition.push(row.resumed.getTime() - row.last_transition.getTime());
        }
      }
      stats.push({
        how,
        engines: departures.length,
        sagas: waited.length,
        waitedP50Ms: percentile(waited, 50),
        waitedMaxMs: max(waited),
        sinceTransitionP50Ms: percentile(sinceTransition, 50),
        sinceTransitionMaxMs: max(sinceTransition),
        notTakenOver,
      });
    }
    return stats;
  }
}

const max = (samples: number[]) => (samples.length ? Math.max(...samples) : Number.NaN);
