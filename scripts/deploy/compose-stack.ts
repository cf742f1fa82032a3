import { spawn } from 'node:child_process';
import type { CommandResult } from '../images/podman.js';

/** Runs a program and collects its output; injected so the teardown logic can be unit-tested. */
export type Runner = (program: string, args: string[]) => Promise<CommandResult>;

export const spawnRunner: Runner = (program, args) =>
  new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });

export interface StackOptions {
  project: string;
  composeFile: string;
  envFile: string;
  /** podman-compose (scripts/tools/install-podman-compose.sh links it into .tools/bin). */
  podmanCompose: string;
  runner?: Runner;
}

export interface ContainerState {
  name: string;
  service: string;
  state: string;
  exitCode: number;
}

/** What a project can leave behind on the machine, by name. */
export interface Leftovers {
  containers: string[];
  volumes: string[];
  networks: string[];
}

export const nothingLeft = (left: Leftovers): boolean =>
  left.containers.length + left.volumes.length + left.networks.length === 0;

/**
 * One compose project run by podman-compose: podman with runc, no pod, the project's own name (so
 * it never touches another run's containers). Everything it creates carries the label
 * io.podman.compose.project, which is how destroy() finds what a failed `down` left.
 */
export class ComposeStack {
  private readonly run: Runner;
  private readonly label: string;
  /** Volumes the project's containers mounted (anonymous ones carry no label). */
  private readonly mountedVolumes = new Set<string>();

  constructor(private readonly options: StackOptions) {
    this.run = options.runner ?? spawnRunner;
    this.label = `label=io.podman.compose.project=${options.project}`;
  }

  get project(): string {
    return this.options.project;
  }

  async compose(args: string[]): Promise<string> {
    const { composeFile, envFile, project, podmanCompose } = this.options;
    const global = ['--in-pod', 'false', '--podman-args=--runtime=runc', '--no-ansi'];
    const all = [...global, '-p', project, '-f', composeFile, '--env-file', envFile, ...args];
    const result = await this.run(podmanCompose, all);
    if (result.code !== 0) {
      const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-30).join('\n');
      throw new Error(`podman-compose ${args.join(' ')} exited ${result.code}:\n${tail}`);
    }
    return result.stdout;
  }

  /**
   * Creates and starts `services` from images already built. `--no-deps`: the caller starts
   * dependencies first (podman 4.3 cannot order them; see compose-core.ts startLevels).
   */
  async up(services: string[]): Promise<void> {
    await this.compose(['up', '-d', '--no-build', '--no-deps', ...services]);
    await this.rememberVolumes();
  }

  /** Stops and removes the containers (and anonymous volumes); `volumes` also the named ones. */
  async down(options: { volumes: boolean }): Promise<void> {
    await this.rememberVolumes();
    await this.compose([
      '--podman-rm-args=--volumes',
      'down',
      ...(options.volumes ? ['--volumes'] : []),
    ]);
  }

  async containers(): Promise<ContainerState[]> {
    const out = await this.podman(['ps', '-a', '--filter', this.label, '--format', 'json']);
    const rows = JSON.parse(out || '[]') as {
      Names: string[];
      State: string;
      ExitCode: number;
      Labels: Record<string, string> | null;
    }[];
    return rows.map((row) => ({
      name: row.Names[0] ?? '',
      service: row.Labels?.['com.docker.compose.service'] ?? '',
      state: row.State,
      exitCode: row.ExitCode,
    }));
  }

  /** Runs the container's own healthcheck once (podman 4.3 schedules none without systemd). */
  async healthy(container: string): Promise<boolean> {
    const result = await this.run('podman', ['--runtime', 'runc', 'healthcheck', 'run', container]);
    return result.code === 0;
  }

  /** Runs a command inside a running container; its stdout. */
  exec(container: string, command: string[]): Promise<string> {
    return this.podman(['exec', container, ...command]);
  }

  inspect(container: string, format: string): Promise<string> {
    return this.podman(['inspect', '--format', format, container]);
  }

  async logs(container: string, lines = 30): Promise<string> {
    const result = await this.run('podman', ['logs', '--tail', String(lines), container]);
    return `${result.stdout}${result.stderr}`.trim();
  }

  async leftovers(): Promise<Leftovers> {
    const names = async (kind: 'volume' | 'network') =>
      (await this.podman([kind, 'ls', '--filter', this.label, '--format', '{{.Name}}']))
        .split('\n')
        .filter(Boolean);
    const labelledVolumes = await names('volume');
    const allVolumes = new Set((await this.podman(['volume', 'ls', '-q'])).split('\n'));
    const anonymous = [...this.mountedVolumes].filter((volume) => allVolumes.has(volume));
    return {
      containers: (await this.containers()).map((container) => container.name),
      volumes: [...new Set([...labelledVolumes, ...anonymous])],
      networks: await names('network'),
    };
  }

  /**
   * `down --volumes`, then whatever is still there is removed by name. Returns what had to be
   * removed by force (empty when `down` did its job); throws only if something survives even that.
   */
  async destroy(): Promise<{ downError?: string; forced: Leftovers }> {
    const downError = await this.down({ volumes: true }).then(
      () => undefined,
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    const forced = await this.leftovers();
    if (forced.containers.length > 0)
      await this.podman(['rm', '-f', '--volumes', '--time', '0', ...forced.containers], false);
    if (forced.volumes.length > 0)
      await this.podman(['volume', 'rm', '-f', ...forced.volumes], false);
    if (forced.networks.length > 0)
      await this.podman(['network', 'rm', '-f', ...forced.networks], false);
    const remaining = await this.leftovers();
    if (!nothingLeft(remaining))
      throw new Error(`compose project ${this.project} left ${JSON.stringify(remaining)}`);
    return { downError, forced };
  }

  private async rememberVolumes(): Promise<void> {
    const ids = (await this.podman(['ps', '-aq', '--filter', this.label])).split('\n');
    if (ids.filter(Boolean).length === 0) return;
    const format = '{{range .Mounts}}{{if eq .Type "volume"}}{{.Name}} {{end}}{{end}}';
    const mounts = await this.podman(['inspect', '--format', format, ...ids.filter(Boolean)]);
    for (const name of mounts.split(/\s+/).filter(Boolean)) this.mountedVolumes.add(name);
  }

  private async podman(args: string[], strict = true): Promise<string> {
    const result = await this.run('podman', ['--runtime', 'runc', ...args]);
    if (strict && result.code !== 0)
      throw new Error(`podman ${args.join(' ')} exited ${result.code}: ${result.stderr.trim()}`);
    return result.stdout.trim();
  }
}
