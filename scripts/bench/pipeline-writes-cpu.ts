// CPU per transaction when BEGIN and the statements behind it leave in separate socket writes, and
// when they leave in one (the socket corked for the turn, as pipelinedTransaction does): this
// process's CPU and the whole machine's (PostgreSQL's backends included, from /proc/stat).
// Usage: DATABASE_URL=postgres://… node dist/scripts/bench/pipeline-writes-cpu.js [transactions]
import { readFileSync } from 'node:fs';
import pg from 'pg';

const N = Number(process.argv[2] ?? 6000);
const CONNECTIONS = 8;
const ROUNDS = 3;

type PipelinedClient = pg.Client & {
  connection: { stream: { cork(): void; uncork(): void } };
};

/** Busy ticks of the whole machine (USER_HZ, 100 a second: 10,000 µs each). */
function machineTicks(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).slice(1);
  const [user, nice, system, , , irq, softirq] = fields.map(Number);
  return user! + nice! + system! + irq! + softirq!;
}

/** BEGIN, two INSERTs sent together, COMMIT after their answers: a two-row transaction. */
async function transaction(client: PipelinedClient, corked: boolean): Promise<void> {
  const stream = client.connection.stream;
  if (corked) {
    // As libs/saga's pipelinedTransaction does (it has no switch to turn this off for a comparison).
    stream.cork();
    process.nextTick(() => stream.uncork());
  }
  await Promise.all([
    client.query('BEGIN'),
    client.query('INSERT INTO pipeline_writes (note) VALUES ($1)', ['a']),
    client.query('INSERT INTO pipeline_writes (note) VALUES ($1)', ['b']),
  ]);
  await client.query('COMMIT');
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('set DATABASE_URL to a PostgreSQL database it may write to');
  const clients: PipelinedClient[] = [];
  for (let i = 0; i < CONNECTIONS; i++) {
    const client = new pg.Client({ connectionString: url, pipeline: true });
    await client.connect();
    clients.push(client as unknown as PipelinedClient);
  }
  await clients[0]!.query(
    'CREATE TABLE IF NOT EXISTS pipeline_writes (id bigserial PRIMARY KEY, note text)',
  );
  for (let round = 1; round <= ROUNDS; round++) {
    for (const corked of [false, true]) {
      let started = 0;
      const [cpu, ticks, t0] = [process.cpuUsage(), machineTicks(), performance.now()];
      await Promise.all(
        clients.map(async (client) => {
          while (started < N) {
            started += 1;
            await transaction(client, corked);
          }
        }),
      );
      const used = process.cpuUsage(cpu);
      const seconds = (performance.now() - t0) / 1000;
      console.log(
        `round ${round} ${corked ? 'one write ' : 'separate  '}` +
          `${(N / seconds).toFixed(0).padStart(5)} tx/s  ` +
          `client ${((used.user + used.system) / N).toFixed(1)} µs/tx  ` +
          `machine ${(((machineTicks() - ticks) * 10_000) / N).toFixed(1)} µs/tx`,
      );
    }
  }
  await clients[0]!.query('DROP TABLE pipeline_writes');
  await Promise.all(clients.map((client) => client.end()));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
