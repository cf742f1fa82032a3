import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const APT_FILES = () => {
  const dir = '/etc/apt/sources.list.d';
  const listed = existsSync(dir) ? readdirSync(dir).map((name) => join(dir, name)) : [];
  return ['/etc/apt/sources.list', ...listed].filter((file) => existsSync(file));
};

/** The host of every http(s) URL in `text`. */
function hostsIn(text: string): string[] {
  return [...text.matchAll(/\bhttps?:\/\/([a-z0-9.-]+)/gi)].map((m) => (m[1] ?? '').toLowerCase());
}

function quietly(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return '';
  }
}

/**
 * The package registry and mirror hosts this machine is configured with: every URL in its apt
 * source files (enabled, disabled and commented ones alike), npm's registries, Go's module proxy
 * and checksum database, pip's index. Read from the machine, so none is written here.
 */
export function machineRegistryHosts(): string[] {
  const apt = APT_FILES().flatMap((file) => hostsIn(readFileSync(file, 'utf8')));
  const npmConfig = quietly('npm', ['config', 'list', '--json']);
  const npm = Object.entries((npmConfig ? JSON.parse(npmConfig) : {}) as Record<string, unknown>)
    .filter(([key]) => key.endsWith('registry'))
    .flatMap(([, value]) => hostsIn(String(value)));
  const go = hostsIn(quietly('go', ['env', 'GOPROXY']));
  const goSum = quietly('go', ['env', 'GOSUMDB']).trim().split(/\s+/)[0] ?? '';
  const pip = hostsIn(quietly('pip', ['config', 'list']));
  const hosts = [...apt, ...npm, ...go, ...pip, ...(goSum.includes('.') ? [goSum] : [])];
  return [...new Set(hosts.filter((host) => host.includes('.')))].sort();
}

export interface HostMention {
  file: string;
  line: number;
  host: string;
}

/** Every line of `files` (relative to `root`) that names one of `hosts`, case-insensitively. */
export function mentionsOf(root: string, files: string[], hosts: string[]): HostMention[] {
  const found: HostMention[] = [];
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8').toLowerCase();
    if (text.includes('\0')) continue;
    text.split('\n').forEach((content, index) => {
      for (const host of hosts.filter((h) => content.includes(h)))
        found.push({ file, line: index + 1, host });
    });
  }
  return found;
}

export function trackedFiles(root: string): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter((file) => file && existsSync(join(root, file)));
}
