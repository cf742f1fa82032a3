import type { UnfinishedVersion } from '../errors/missing-saga-versions.error.js';
import type { SagaRecord, TimelineEntry } from './saga-record.js';

export interface SagaVersion {
  type: string;
  version: number;
}

/** The lease and revision a write expects to find, or it is refused. */
export interface Held {
  owner: string;
  revision: number;
}

/**
 * Where the engine keeps sagas. `Tx` is the store's transaction handle, which local steps and
 * `onEnd` also write through (a TypeORM EntityManager for the PostgreSQL store).
 */
export interface TransactionOptions {
  /**
   * Local steps' writes sent without waiting for their answers (`sendSql`) go on at once; if one
   * fails, the transaction rolls back and throws `DeferredWriteFailedError`.
   */
  deferWrites?: boolean;
}

export interface SagaStore<Tx = unknown> {
  transaction<T>(work: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Adds a saga in the caller's transaction. */
  insert(tx: Tx, saga: SagaRecord): Promise<void>;
  /**
   * Writes the saga's new state and appends its timeline rows, only if it is still `held`
   * (all or nothing). False when the lease was lost or another write won. In `tx` it is the
   * transaction's last statement (the store may commit with it); a lost lease rolls `tx` back.
   */
  advance(saga: SagaRecord, held: Held, rows: readonly TimelineEntry[], tx?: Tx): Promise<boolean>;
  /** Extends the lease of a saga still `held` (a step running longer than a lease); false if lost. */
  renew(id: string, held: Held, until: Date): Promise<boolean>;
  /**
   * Takes over up to `limit` unfinished sagas whose lease expired or retry is due, of the
   * definition versions this engine knows (during a rolling deploy an old replica must not
   * take a saga of a version only the new code has).
   */
  claimDue(
    owner: string,
    now: Date,
    leaseUntil: Date,
    limit: number,
    known: readonly SagaVersion[],
  ): Promise<SagaRecord[]>;
  /** Hands back every saga `owner` holds (only `ids` when given), due at `at` (a clean shutdown). */
  release(owner: string, at: Date, ids?: readonly string[]): Promise<number>;
  /** Unfinished sagas (STUCK included) per type and definition version. */
  unfinishedVersions(): Promise<UnfinishedVersion[]>;
  /** The saga locked for the rest of `tx`, whoever holds it (operator actions). */
  lock(tx: Tx, id: string): Promise<SagaRecord | null>;
  /** Overwrites a saga locked in `tx`; bumps its revision so an engine's stale write fails. */
  overwrite(tx: Tx, saga: SagaRecord): Promise<SagaRecord>;
  append(tx: Tx, row: TimelineEntry): Promise<void>;
}

export const SAGA_STORE = Symbol('SAGA_STORE');
