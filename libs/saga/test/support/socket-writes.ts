import { Socket } from 'node:net';

type Writer = (this: Socket, ...args: unknown[]) => unknown;

/** Socket writes to the server at `url` while `action` runs (not the test runner's own pipes). */
export async function writesDuring(url: string, action: () => Promise<unknown>): Promise<number> {
  const socket = Socket.prototype as unknown as Record<'_write' | '_writev', Writer>;
  const originals = { _write: socket._write, _writev: socket._writev };
  const port = Number(new URL(url).port);
  let writes = 0;
  for (const name of ['_write', '_writev'] as const) {
    socket[name] = function (this: Socket, ...args: unknown[]) {
      if (this.remotePort === port) writes += 1;
      return originals[name].apply(this, args);
    };
  }
  try {
    await action();
  } finally {
    Object.assign(socket, originals);
  }
  return writes;
}
