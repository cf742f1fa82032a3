import { ProjectPodman, spawnRunner, type Runner } from './compose-podman.js';

export interface StackOptions {
  project: string;
  composeFile: string;
  envFile: string;
  /** podman-compose (scripts/tools/install-podman-compose.sh links it into .tools/bin). */
  podmanCompose: string;
  runner?: Runner;
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
 * it never touches another run's containers). destroy() finds what a failed `down` left by the
 * project label, and the anonymous volumes by what its containers mounted.
 */
export class ComposeStack {
  readonly podman: ProjectPodman;
  private readonly run: Runner;
  private readonly mountedVolumes = new Set<string>();

  constructor(private readonly options: StackOptions) {
    this.run = options.runner ?? spawnRunner;
    this.podman = new ProjectPodman(options.project, this.run);
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

  async leftovers(): Promise<Leftovers> {
    const existing = await this.podman.allVolumes();
    const anonymous = [...this.mountedVolumes].filter((volume) => existing.has(volume));
    return {
      containers: (await this.podman.containers()).map((container) => container.name),
      volumes: [...new Set([...(await this.podman.labelled('volume')), ...anonymous])],
      networks: await this.podman.labelled('network'),
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
    const remove = async (args: string[], names: string[]) => {
      if (names.length > 0) await this.podman.podman([...args, ...names], false);
    };
    await remove(['rm', '-f', '--volumes', '--time', '0'], forced.containers);
    await remove(['volume', 'rm', '-f'], forced.volumes);
    await remove(['network', 'rm', '-f'], forced.networks);
    const remaining = await this.leftovers();
    if (!nothingLeft(remaining))
      throw new Error(`compose project ${this.project} left ${JSON.stringify(remaining)}`);
    return { downError, forced };
  }

  private async rememberVolumes(): Promise<void> {
    for (const name of await this.podman.mountedVolumes()) this.mountedVolumes.add(name);
  }
}
