import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HARDENED_RUN, podman, podmanOk } from './podman.js';

export interface StopOutcome {
  exitCode: number;
  seconds: number;
}

/**
 * One app container run the way an orchestrator would: host network (this machine has no
 * container networking), read-only root filesystem, no capabilities, no privilege escalation,
 * environment from a private file rather than the command line.
 */
export class AppContainer {
  private constructor(
    readonly name: string,
    readonly image: string,
    private readonly envDir: string,
  ) {}

  static async start(
    name: string,
    image: string,
    env: Record<string, string>,
    graceSeconds: number,
  ): Promise<AppContainer> {
    const envDir = await mkdtemp(join(tmpdir(), 'saga-image-env-'));
    const envFile = join(envDir, 'env');
    await writeFile(
      envFile,
      Object.entries(env)
        .map(([k, v]) => `${k}=${v}\n`)
        .join(''),
    );
    await chmod(envFile, 0o600);
    await podman(['rm', '-f', name], { quiet: true });
    await podmanOk([
      'run',
      '-d',
      '--name',
      name,
      ...HARDENED_RUN,
      '--env-file',
      envFile,
      '--stop-timeout',
      String(graceSeconds),
      image,
    ]);
    return new AppContainer(name, image, envDir);
  }

  async running(): Promise<boolean> {
    const state = await podman(['inspect', '--format', '{{.State.Running}}', this.name]);
    return state.stdout.trim() === 'true';
  }

  /** Polls /health/ready until it answers 200; fails early, with the logs, if the app exits. */
  async waitReady(httpPort: number, timeoutMs: number): Promise<number> {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      const ok = await fetch(`http://127.0.0.1:${httpPort}/health/ready`).then(
        (res) => res.ok,
        () => false,
      );
      if (ok) return (Date.now() - started) / 1000;
      if (!(await this.running())) {
        throw new Error(`${this.image}: exited before it was ready:\n${await this.logs()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(
      `${this.image}: /health/ready not 200 after ${timeoutMs} ms:\n${await this.logs()}`,
    );
  }

  async exec(command: string[]): Promise<string> {
    return podmanOk(['exec', this.name, ...command]);
  }

  /** Runs the image's own HEALTHCHECK command once; true when it reports healthy. */
  async healthy(): Promise<boolean> {
    return (await podman(['healthcheck', 'run', this.name])).code === 0;
  }

  /** `podman stop` sends the image's STOPSIGNAL (SIGTERM), then SIGKILL after the grace period. */
  async stop(graceSeconds: number): Promise<StopOutcome> {
    const started = Date.now();
    await podmanOk(['stop', '--time', String(graceSeconds), this.name]);
    const seconds = (Date.now() - started) / 1000;
    const code = await podmanOk(['inspect', '--format', '{{.State.ExitCode}}', this.name]);
    return { exitCode: Number(code), seconds };
  }

  async logs(lines = 40): Promise<string> {
    const result = await podman(['logs', '--tail', String(lines), this.name]);
    return `${result.stdout}${result.stderr}`.trim();
  }

  async remove(): Promise<void> {
    await podman(['rm', '-f', '--time', '0', this.name], { quiet: true });
    await rm(this.envDir, { recursive: true, force: true });
  }
}
