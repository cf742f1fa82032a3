import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';

/** A name, the file to break, what in it (which must be there) becomes what, the problem expected. */
export type Mistake = [
  name: string,
  file: string,
  from: string | RegExp,
  to: string,
  expected: RegExp,
];

/**
 * One test per mistake: in a fresh copy of the `tree` folder, `from` in `file` becomes `to`, and
 * `check` (given the copy) must report a problem matching `expected`. Call inside a describe.
 */
export function itCatchesEach(
  tree: string,
  check: (copy: string) => string[],
  mistakes: readonly Mistake[],
): void {
  let copies: string;
  before(async () => (copies = await mkdtemp(join(tmpdir(), 'saga-mistakes-'))));
  after(() => rm(copies, { recursive: true, force: true }));

  for (const [name, file, from, to, expected] of mistakes) {
    it(`${name} (${file})`, async () => {
      const copy = await mkdtemp(join(copies, 'case-'));
      await cp(tree, copy, { recursive: true });
      const path = join(copy, file);
      const text = await readFile(path, 'utf8');
      const changed = text.replace(from, to);
      assert.notEqual(
        changed,
        text,
        `${file} no longer contains ${String(from)}: update this test`,
      );
      await writeFile(path, changed);
      const problems = check(copy);
      assert.ok(
        problems.some((problem) => expected.test(problem)),
        `expected a problem matching ${expected}, got:\n${problems.join('\n') || '(none)'}`,
      );
    });
  }
}
