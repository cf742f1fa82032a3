import { spawn } from 'node:child_process';

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

// Podman 4.3 without systemd logs this for every container with a HEALTHCHECK; the checks are
// run on demand here (`podman healthcheck run`), so the timer it cannot create is not missed.
const SYSTEMD_TIMER_NOISE = /unable to get systemd connection to (add|start) healthchecks/;

/**
 * How every app container runs here, as in Kubernetes (k8s/base): host network (no CNI on this
 * machine), read-only root filesystem, no capabilities, no privilege escalation.
 */
export const HARDENED_RUN = [
  '--network',
  'host',
  '--read-only',
  '--cap-drop',
  'ALL',
  '--security-opt',
  'no-new-privileges',
] as const;

/**
 * podman as this machine needs it: runc, cgroupfs and no default ulimits (CONTAINERS_CONF, set by
 * scripts/images/podman-env.sh), host networking for builds and containers.
 */
export function podman(args: string[], options: { quiet?: boolean } = {}): Promise<CommandResult> {
  if (!process.env.CONTAINERS_CONF) {
    throw new Error('CONTAINERS_CONF is unset: run through scripts/images/test-images.sh');
  }
  return new Promise((resolve, reject) => {
    const child = spawn('podman', ['--runtime', 'runc', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk
        .toString()
        .split('\n')
        .filter((line) => !SYSTEMD_TIMER_NOISE.test(line))
        .join('\n');
      stderr += text;
      if (!options.quiet && process.env.IMAGES_VERBOSE) process.stderr.write(text);
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs podman and returns stdout, or throws with the command and its stderr. */
export async function podmanOk(args: string[]): Promise<string> {
  const result = await podman(args);
  if (result.code !== 0) {
    const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-25).join('\n');
    throw new Error(`podman ${args.slice(0, 3).join(' ')} … exited ${result.code}:\n${tail}`);
  }
  return result.stdout.trim();
}
