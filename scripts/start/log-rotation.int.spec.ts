import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { rotateLog } from './log-rotation.js';

describe('rotateLog', () => {
  let dir: string;
  before(async () => (dir = await mkdtemp(join(tmpdir(), 'rotate-'))));
  after(() => rm(dir, { recursive: true, force: true }));

  it('keeps the previous runs as .1, .2, … and drops the oldest beyond `keep`', async () => {
    const log = join(dir, 'payments.log');
    for (const run of ['run 1', 'run 2', 'run 3', 'run 4']) {
      await rotateLog(log, 3);
      await writeFile(log, run);
    }
    assert.deepEqual((await readdir(dir)).sort(), [
      'payments.1.log',
      'payments.2.log',
      'payments.3.log',
      'payments.log',
    ]);
    assert.equal(await readFile(log, 'utf8'), 'run 4');
    assert.equal(await readFile(join(dir, 'payments.1.log'), 'utf8'), 'run 3', 'the crash before');
    assert.equal(await readFile(join(dir, 'payments.3.log'), 'utf8'), 'run 1');
  });
});
