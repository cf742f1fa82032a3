/** The parts of `podman image inspect` the policy reads. */
export interface ImageInspect {
  Config: {
    User?: string;
    Entrypoint?: string[] | null;
    Cmd?: string[] | null;
    ExposedPorts?: Record<string, unknown> | null;
    StopSignal?: string;
  };
  Healthcheck?: { Test?: string[] } | null;
  Size: number;
}

const ROOT_USERS = new Set(['', 'root', '0']);

/**
 * What an app image must be before it ships: a non-root user, a health check, a PID 1 that
 * forwards signals, and the ports the manifests expect. Each problem names the image.
 */
export function imageProblems(
  image: string,
  inspect: ImageInspect,
  expectedPorts: number[],
): string[] {
  const problems: string[] = [];
  const config = inspect.Config;
  const user = (config.User ?? '').split(':')[0] ?? '';
  if (ROOT_USERS.has(user)) {
    problems.push(`${image}: runs as root (USER is "${config.User ?? ''}"); set a non-root USER`);
  } else if (!/^\d+$/.test(user)) {
    problems.push(
      `${image}: USER "${user}" is a name; use a numeric uid so Kubernetes runAsNonRoot can verify it`,
    );
  }
  const test = inspect.Healthcheck?.Test ?? [];
  if (test.length === 0 || test[0] === 'NONE') {
    problems.push(`${image}: has no HEALTHCHECK (build with --format docker to keep it)`);
  }
  const entrypoint = config.Entrypoint ?? [];
  if (!entrypoint.some((part) => /(^|\/)(tini|dumb-init)$/.test(part))) {
    problems.push(
      `${image}: PID 1 is "${[...entrypoint, ...(config.Cmd ?? [])].join(' ')}", not tini: signals and zombies go unhandled`,
    );
  }
  const exposed = Object.keys(config.ExposedPorts ?? {});
  for (const port of expectedPorts) {
    if (!exposed.includes(`${port}/tcp`)) {
      problems.push(
        `${image}: does not EXPOSE ${port} (exposes ${exposed.join(', ') || 'nothing'})`,
      );
    }
  }
  return problems;
}
