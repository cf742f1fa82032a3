/**
 * Free loopback ports, and waiting until something listens on one.
 *
 * `freePort` is get-port's: it also remembers what it handed out in this process, so two quick
 * picks (a test harness asking for an HTTP and a gRPC port before either app binds) never get the
 * same port, which a bare listen(0) can do.
 *
 * `waitForPort` stays a short loop written here: it runs inside the apps (the embedded mongo store)
 * as well as in tests, and the packages that do it pull in far more than a TCP connect: wait-on
 * brings axios, joi, lodash and rxjs (it is an HTTP, file and socket CLI), wait-port brings a CLI
 * (commander, chalk) and prints unless told not to.
 */
import { connect } from 'node:net';
import getPort from 'get-port';

/** A free port on 127.0.0.1, not handed out before by this process (for embedded stores and tests). */
export function freePort(): Promise<number> {
  return getPort({ host: '127.0.0.1' });
}

/** Resolves once something accepts TCP connections on host:port, or rejects after timeoutMs. */
export async function waitForPort(
  port: number,
  timeoutMs: number,
  host = '127.0.0.1',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ port, host });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline)
      throw new Error(`nothing listens on ${host}:${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
