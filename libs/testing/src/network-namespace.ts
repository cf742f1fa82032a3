import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** An address of TEST-NET-1 (RFC 5737): never routed, here only inside the namespace. */
export const NAMESPACE_ADDRESS = '192.0.2.1';

// A namespace of the test's own: its loopback, and a veth pair whose one end carries
// NAMESPACE_ADDRESS, so the "machine" has an address that is not the loopback. Nothing in it
// reaches or is reachable from the host's network.
const SETUP = [
  'ip link set lo up',
  'ip link add saga0 type veth peer name saga1',
  `ip addr add ${NAMESPACE_ADDRESS}/24 dev saga0`,
  'ip link set saga1 up',
  'ip link set saga0 up',
].join(' && ');

export type PortState = 'open' | 'refused' | string;

export interface NamespacedApp {
  child: ChildProcess;
  output: string[];
  /** Tries a TCP connection to each host:port from inside the namespace. */
  probe(targets: string[]): Promise<Record<string, PortState>>;
  stop(): Promise<void>;
}

/** Why a test cannot make a network namespace here (not root, no unshare), or undefined. */
export function networkNamespaceUnavailable(): string | undefined {
  const tried = spawnSync('unshare', ['--net', '--', 'sh', '-c', SETUP], { encoding: 'utf8' });
  if (tried.status === 0) return undefined;
  return `cannot make a network namespace with a veth pair: ${tried.error?.message ?? tried.stderr.trim()}`;
}

/** Runs a built app (`node dist/apps/<name>/src/main.js`) alone in a new network namespace. */
export function startInNetworkNamespace(name: string, env: Record<string, string>): NamespacedApp {
  const main = `dist/apps/${name}/src/main.js`;
  const child = spawn(
    'unshare',
    ['--net', '--', 'sh', '-c', `${SETUP} && exec "$0" "$@"`, process.execPath, main],
    { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output: string[] = [];
  const collect = (chunk: Buffer) => output.push(...chunk.toString().split('\n').filter(Boolean));
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  return {
    child,
    output,
    probe: (targets) => probeFrom(child.pid!, targets),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const PROBE = `
const net = require('node:net');
const check = (target) => new Promise((resolve) => {
  const [host, port] = [target.slice(0, target.lastIndexOf(':')), Number(target.slice(target.lastIndexOf(':') + 1))];
  const socket = net.connect({ host, port, timeout: 2000 });
  socket.once('connect', () => { socket.destroy(); resolve('open'); });
  socket.once('timeout', () => { socket.destroy(); resolve('timeout'); });
  socket.once('error', (error) => resolve(error.code === 'ECONNREFUSED' ? 'refused' : error.code));
});
Promise.all(process.argv.slice(1).map(check)).then((states) =>
  console.log(JSON.stringify(Object.fromEntries(process.argv.slice(1).map((t, i) => [t, states[i]])))));
`;

function probeFrom(pid: number, targets: string[]): Promise<Record<string, PortState>> {
  const args = [`--net=/proc/${pid}/ns/net`, '--', process.execPath, '-e', PROBE, ...targets];
  return new Promise((resolve, reject) => {
    execFile('nsenter', args, { timeout: 10_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`probe failed: ${stderr || error.message}`));
      else resolve(JSON.parse(stdout) as Record<string, PortState>);
    });
  });
}
