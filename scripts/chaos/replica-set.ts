import { startApp, type AppProcess } from '#testing';

interface Member {
  env: Record<string, string>;
  app: AppProcess;
  /** Every process this replica has been, in order (a restart adds one). */
  lives: AppProcess[];
}

/**
 * The replicas of one app, each a real process on ports of its own that it keeps across
 * restarts, so the balancers in front of them need no reconfiguring.
 */
export class ReplicaSet {
  private constructor(
    readonly name: 'orders' | 'payments',
    private readonly members: Member[],
  ) {}

  /** One after another: orders migrates its database at start, and one migration at a time. */
  static async start(
    name: 'orders' | 'payments',
    count: number,
    env: Record<string, string>,
  ): Promise<ReplicaSet> {
    const set = new ReplicaSet(name, []);
    try {
      for (let i = 0; i < count; i += 1) {
        const app = await launch(name, env);
        set.members.push({ env, app, lives: [app] });
      }
    } catch (error) {
      await set.stop();
      throw error;
    }
    return set;
  }

  get size(): number {
    return this.members.length;
  }

  addresses(port: 'http' | 'grpc'): string[] {
    return this.members.map(
      ({ app }) => `127.0.0.1:${port === 'http' ? app.httpPort : app.grpcPort}`,
    );
  }

  pid(index: number): number {
    return this.member(index).app.child.pid!;
  }

  isRunning(index: number): boolean {
    const { child } = this.member(index).app;
    return child.exitCode === null && child.signalCode === null;
  }

  async kill(index: number): Promise<void> {
    await this.member(index).app.stop('SIGKILL');
  }

  /** SIGTERM, and the exit code once it has drained and exited. */
  terminate(index: number): Promise<number | null> {
    return this.member(index).app.stop('SIGTERM');
  }

  /** From now on every replica (re)starts with `env` over its environment. */
  changeEnv(env: Record<string, string>): void {
    for (const member of this.members) member.env = { ...member.env, ...env };
  }

  /** Starts the replica again on its ports, with its environment; resolves once it is ready. */
  async restart(index: number): Promise<void> {
    const member = this.member(index);
    const { httpPort, grpcPort } = member.app;
    member.app = await launch(this.name, {
      ...member.env,
      HTTP_PORT: String(httpPort),
      GRPC_PORT: String(grpcPort),
    });
    member.lives.push(member.app);
  }

  async stop(): Promise<void> {
    await Promise.allSettled(this.members.map(({ app }) => app.stop()));
  }

  /** Every replica's output, life by life. */
  logText(): string {
    return this.members
      .flatMap(({ lives }, replica) =>
        lives.map((app, life) =>
          [`---- ${this.name} replica ${replica + 1} life ${life + 1}`, ...app.output].join('\n'),
        ),
      )
      .join('\n');
  }

  private member(index: number): Member {
    const member = this.members[index];
    if (!member) throw new Error(`${this.name} has no replica ${index + 1}`);
    return member;
  }
}

function launch(name: string, env: Record<string, string>): Promise<AppProcess> {
  return startApp(name, { grpc: true, env: { LOG_LEVEL: 'warn', ...env }, timeoutMs: 60_000 });
}
