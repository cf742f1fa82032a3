import { existsSync } from 'node:fs';
import { rename } from 'node:fs/promises';

/**
 * Keeps the previous runs' logs: `x.log` becomes `x.1.log`, `x.1.log` becomes `x.2.log`, … up to
 * `keep`. A rename per start, not rotation while running, so no log-rotation library: the
 * services' logs are only ever opened once per launcher run.
 */
export async function rotateLog(file: string, keep: number): Promise<void> {
  const numbered = (n: number) => file.replace(/\.log$/, `.${n}.log`);
  for (let n = keep - 1; n >= 1; n--) {
    if (existsSync(numbered(n))) await rename(numbered(n), numbered(n + 1));
  }
  if (existsSync(file)) await rename(file, numbered(1));
}
