import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { DeferredWriteFailedError } from '../../errors/deferred-write-failed.error.js';
import { pgClientOf, type PgClient } from './pg-client.js';

export interface PipelinedTransactionOptions {
  /**
   * The work sends all its statements at once, none waiting for another's answer (an order and
   * its saga: two INSERTs). COMMIT then goes out right behind them, in the same write: the whole
   * transaction is one round trip. If a statement fails, PostgreSQL turns that COMMIT into a
   * rollback, and the work's error is thrown as usual. Only for statements sent together: one
   * the work sends after another's answer is refused with an error (never run outside the
   * transaction), but what it sent before that has committed.
   */
  sentAtOnce?: boolean;
  /**
   * Writes sent with `sendSql` do not wait for their answers: the work goes on at once, so a
   * step's writes, the transition and COMMIT can all leave in one write. A failure among them
   * fails the transaction (PostgreSQL rolls it all back) with `DeferredWriteFailedError`, which
   * carries that write's own error, thrown after the rollback.
   */
  deferWrites?: boolean;
}

/**
 * A transaction on one pooled connection whose BEGIN travels with its first statement: the
 * statements are sent without waiting for BEGIN's answer. On a connection in `pg`'s pipeline
 * mode that saves a round trip per transaction (two per order on the saga's hot path); without
 * it `pg` queues the statement behind BEGIN, as TypeORM's own `transaction` does. The
 * statements inside go through the EntityManager as usual.
 *
 * In pipeline mode the socket is also corked until the work has submitted its first statements, so
 * BEGIN and every statement the work submits at once leave in one write: each write wakes
 * the PostgreSQL backend, and on a busy 2-core machine each wake-up is a context switch on both
 * sides.
 */
export async function pipelinedTransaction<T>(
  dataSource: DataSource,
  work: (tx: EntityManager) => Promise<T>,
  options: PipelinedTransactionOptions = {},
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  const client = await pgClientOf(runner);
  const stream = client.pipeline ? client.connection?.stream : undefined;
  const open: OpenTransaction = { deferWrites: options.deferWrites === true, deferred: [] };
  openTransactions.set(runner, open);
  let failed = false;
  if (stream) {
    // Here we run in a promise continuation (after `connect`), so the tick queue is next served
    // once the microtask queue is empty: after the work has submitted what it submits at once.
    stream.cork();
    process.nextTick(() => {
      if (options.sentAtOnce && !failed && !open.commit) sendCommit(runner, client, open);
      stream.uncork();
    });
  }
  const begun = client.query('BEGIN');
  begun.catch(() => undefined); // its failure also fails the statements behind it
  try {
    const result = await work(runner.manager);
    await begun;
    await (open.commit ??= client.query('COMMIT'));
    // PostgreSQL answers COMMIT after a failed statement with a rollback, not an error.
    await throwIfDeferredFailed(open);
    return result;
  } catch (error) {
    failed = true; // before the next tick, too: then no COMMIT is sent
    // A COMMIT already sent ends the transaction either way (a rollback if anything failed).
    await (open.commit ?? client.query('ROLLBACK')).catch(() => undefined);
    // The statements after a failed deferred write fail only because it did: its error is the cause.
    await throwIfDeferredFailed(open);
    throw error;
  } finally {
    openTransactions.delete(runner);
    await runner.release();
  }
}

interface OpenTransaction {
  /** The COMMIT, once sent behind the last statement. */
  commit?: Promise<unknown>;
  deferWrites: boolean;
  /** Deferred writes, each settling when its answer is in. */
  deferred: Promise<void>[];
  failure?: { error: unknown };
}

const openTransactions = new WeakMap<QueryRunner, OpenTransaction>();

/**
 * Sends a write whose answer the caller does not need. In a transaction begun with `deferWrites`
 * it returns once the write is submitted, and the transaction answers for it; anywhere else it
 * waits for the answer, and its error is thrown as usual.
 */
export async function sendDeferred(
  runner: QueryRunner,
  send: (client: PgClient) => Promise<unknown>,
): Promise<void> {
  const client = await pgClientOf(runner);
  const open = openTransactions.get(runner);
  if (!open?.deferWrites) {
    await send(client);
    return;
  }
  const settled = send(client).then(
    () => undefined,
    (error: unknown) => void (open.failure ??= { error }), // the first sent, the first to fail
  );
  open.deferred.push(settled);
}

async function throwIfDeferredFailed(open: OpenTransaction): Promise<void> {
  await Promise.all(open.deferred);
  if (open.failure) throw new DeferredWriteFailedError(open.failure.error);
}

/**
 * Sends a transaction's last statement with COMMIT right behind it, in one write, without waiting
 * for the statement's answer: a round trip less per transaction. So the statement must fail,
 * not quietly change nothing, whenever the transaction must not commit: PostgreSQL then answers
 * that COMMIT with a rollback. `send` must submit the statement at once (a `pg` `query` call).
 * Outside a `pipelinedTransaction` the statement simply runs.
 */
export async function sendWithCommit<R>(
  runner: QueryRunner,
  send: (client: PgClient) => Promise<R>,
): Promise<R> {
  const client = await pgClientOf(runner);
  const open = openTransactions.get(runner);
  if (!open) return send(client);
  const stream = client.pipeline ? client.connection?.stream : undefined;
  stream?.cork();
  const result = send(client);
  sendCommit(runner, client, open);
  stream?.uncork();
  return result;
}

function sendCommit(runner: QueryRunner, client: PgClient, open: OpenTransaction): void {
  open.commit = client.query('COMMIT');
  open.commit.catch(() => undefined); // awaited by the transaction
  refuseLaterStatements(runner);
}

// Both ways to a statement: text through query(), a prepared one through the connection.
function refuseLaterStatements(runner: QueryRunner): void {
  const refuse = () =>
    Promise.reject(
      new Error(
        'pipelinedTransaction: a statement sent after COMMIT (the work was not sentAtOnce, or ran a statement after its last)',
      ),
    );
  runner.query = refuse;
  runner.connect = refuse;
}
