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

export interface ContainerState {
  name: string;
  service: string;
  state: string;
  exitCode: number;
}

/**
 * podman, asked about one compose project's containers: podman-compose labels everything it
 * creates with io.podman.compose.project, so nothing of another project is ever touched.
 */
export class ProjectPodman {
  readonly label: string;

  constructor(
    project: string,
    private readonly run: Runner,
  ) {
    this.label = `label=io.podman.compose.project=${project}`;
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

  /** Names of the volumes (anonymous ones too) the project's containers mount. */
  async mountedVolumes(): Promise<string[]> {
    const ids = (await this.podman(['ps', '-aq', '--filter', this.label])).split('\n');
    if (ids.filter(Boolean).length === 0) return [];
    const format = '{{range .Mounts}}{{if eq .Type "volume"}}{{.Name}} {{end}}{{end}}';
    const mounts = await this.podman(['inspect', '--format', format, ...ids.filter(Boolean)]);
    return mounts.split(/\s+/).filter(Boolean);
  }

  /** Names of the project's labelled volumes or networks. */
  async labelled(kind: 'volume' | 'network'): Promise<string[]> {
    const out = await this.podman([kind, 'ls', '--filter', this.label, '--format', '{{.Name}}']);
    return out.split('\n').filter(Boolean);
  }

  async allVolumes(): Promise<Set<string>> {
    return new Set((await this.podman(['volume', 'ls', '-q'])).split('\n').filter(Boolean));
  }

  async podman(args: string[], strict = true): Promise<string> {
    const result = await this.run('podman', ['--runtime', 'runc', ...args]);
    if (strict && result.code !== 0)
      throw new Error(`podman ${args.join(' ')} exited ${result.code}: ${result.stderr.trim()}`);
    return result.stdout.trim();
  }
}
