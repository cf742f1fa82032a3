import type { UnfinishedVersion } from '../../src/errors/missing-saga-versions.error.js';
import type { SagaRecord, TimelineEntry } from '../../src/store/saga-record.js';
import type { Held, SagaStore, SagaVersion } from '../../src/store/saga-store.port.js';

/** A transaction: writes land in `pending` and are applied only when the work succeeds. */
export interface FakeTx {
  sagas: Map<string, SagaRecord>;
  rows: TimelineEntry[];
  /** What local steps and onEnd write, committed with the saga's progress. */
  effects: string[];
}

/**
 * The saga store in memory, for the engine's rules: all-or-nothing transactions, conditional
 * writes on owner and revision, claims of due sagas. The PostgreSQL store has its own tests.
 */
export class InMemorySagaStore implements SagaStore<FakeTx> {
  readonly sagas = new Map<string, SagaRecord>();
  readonly rows: TimelineEntry[] = [];
  readonly effects: string[] = [];
  transactions = 0;

  async transaction<T>(work: (tx: FakeTx) => Promise<T>): Promise<T> {
    const tx: FakeTx = { sagas: new Map(), rows: [], effects: [] };
    this.transactions += 1;
    const result = await work(tx);
    for (const [id, saga] of tx.sagas) this.sagas.set(id, saga);
    this.rows.push(...tx.rows);
    this.effects.push(...tx.effects);
    return result;
  }

  async insert(tx: FakeTx, saga: SagaRecord): Promise<void> {
    if (this.current(saga.id, tx)) throw new Error('duplicate saga id');
    tx.sagas.set(saga.id, { ...saga });
  }

  async advance(saga: SagaRecord, held: Held, rows: readonly TimelineEntry[], tx?: FakeTx) {
    const stored = this.current(saga.id, tx);
    if (!stored || stored.owner !== held.owner || stored.revision !== held.revision) return false;
    const written = { ...saga, revision: stored.revision + 1 };
    if (tx) {
      tx.sagas.set(saga.id, written);
      tx.rows.push(...rows);
    } else {
      this.sagas.set(saga.id, written);
      this.rows.push(...rows);
    }
    return true;
  }

  async renew(id: string, held: Held, until: Date): Promise<boolean> {
    const stored = this.sagas.get(id);
    if (!stored || stored.owner !== held.owner || stored.revision !== held.revision) return false;
    this.sagas.set(id, { ...stored, nextAttemptAt: until });
    return true;
  }

  async claimDue(
    owner: string,
    now: Date,
    leaseUntil: Date,
    limit: number,
    known: readonly SagaVersion[],
  ) {
    const knows = (s: SagaRecord) =>
      known.some((k) => k.type === s.type && k.version === s.version);
    const due = [...this.sagas.values()]
      .filter((s) => ['RUNNING', 'COMPENSATING'].includes(s.status) && s.nextAttemptAt <= now)
      .filter(knows)
      .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime())
      .slice(0, limit);
    return due.map((saga) => {
      const claimed = { ...saga, owner, nextAttemptAt: leaseUntil, revision: saga.revision + 1 };
      this.sagas.set(saga.id, claimed);
      return { ...claimed };
    });
  }

  async release(owner: string, at: Date, ids?: readonly string[]): Promise<number> {
    let released = 0;
    for (const saga of this.sagas.values()) {
      if (saga.owner !== owner || !['RUNNING', 'COMPENSATING'].includes(saga.status)) continue;
      if (ids && !ids.includes(saga.id)) continue;
      this.sagas.set(saga.id, {
        ...saga,
        owner: null,
        nextAttemptAt: at,
        revision: saga.revision + 1,
      });
      released += 1;
    }
    return released;
  }

  async unfinishedVersions(): Promise<UnfinishedVersion[]> {
    const counts = new Map<string, UnfinishedVersion>();
    for (const { type, version, status } of this.sagas.values()) {
      if (!['RUNNING', 'COMPENSATING', 'STUCK'].includes(status)) continue;
      const key = `${type}@${version}`;
      const entry = counts.get(key) ?? { type, version, count: 0 };
      counts.set(key, { ...entry, count: entry.count + 1 });
    }
    return [...counts.values()];
  }

  async lock(tx: FakeTx, id: string): Promise<SagaRecord | null> {
    const saga = this.current(id, tx);
    return saga ? { ...saga } : null;
  }

  async overwrite(tx: FakeTx, saga: SagaRecord): Promise<SagaRecord> {
    const written = { ...saga, revision: saga.revision + 1 };
    tx.sagas.set(saga.id, written);
    return written;
  }

  async append(tx: FakeTx, row: TimelineEntry): Promise<void> {
    tx.rows.push(row);
  }

  /** The timeline of one saga as `step:action:outcome` words. */
  timeline(sagaId: string): string[] {
    return this.rows
      .filter((r) => r.sagaId === sagaId)
      .map((r) => `${r.step}:${r.action}:${r.outcome}`);
  }

  private current(id: string, tx?: FakeTx): SagaRecord | undefined {
    return tx?.sagas.get(id) ?? this.sagas.get(id);
  }
}

/**
 * The store behind a single connection, as on the embedded PGlite: transactions, claims, the
 * hand-back and writes outside a transaction take the connection in turn.
 */
export class OneConnectionSagaStore extends InMemorySagaStore {
  private queue: Promise<unknown> = Promise.resolve();

  override transaction<T>(work: (tx: FakeTx) => Promise<T>): Promise<T> {
    return this.inTurn(() => super.transaction(work));
  }

  override advance(saga: SagaRecord, held: Held, rows: readonly TimelineEntry[], tx?: FakeTx) {
    return tx
      ? super.advance(saga, held, rows, tx)
      : this.inTurn(() => super.advance(saga, held, rows));
  }

  override claimDue(...args: Parameters<InMemorySagaStore['claimDue']>) {
    return this.inTurn(() => super.claimDue(...args));
  }

  override release(owner: string, at: Date, ids?: readonly string[]): Promise<number> {
    return this.inTurn(() => super.release(owner, at, ids));
  }

  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const turn = this.queue.then(work);
    this.queue = turn.catch(() => undefined);
    return turn;
  }
}
