import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';

const MANIFEST = fileURLToPath(new URL('../../../package.json', import.meta.url));

// JSON.parse keeps the last of two equal keys without a word, so a script defined twice runs
// whichever copy comes last. A YAML 1.2 parser reads JSON and reports duplicate keys.
describe('package.json', () => {
  it('defines every key once (no script, dependency or setting is given twice)', async () => {
    const document = parseDocument(await readFile(MANIFEST, 'utf8'), { uniqueKeys: true });
    assert.deepEqual(
      document.errors.map((error) => error.message.split('\n')[0]),
      [],
      'duplicate or malformed keys in package.json',
    );
  });

  // npm forwards SIGTERM to the shell it runs a script in, and sh dies of it without passing it on:
  // the program it was waiting for is orphaned and keeps running (seen with `npm start`: the
  // launcher and every app outlived a `kill` of npm). `exec` makes the program the shell itself.
  it('runs the program of each script with exec, so a SIGTERM to npm reaches it', async () => {
    const { scripts } = JSON.parse(await readFile(MANIFEST, 'utf8')) as {
      scripts: Record<string, string>;
    };
    const notExeced = Object.entries(scripts)
      .filter(([, script]) => /^\s*node dist\//.test(script.split('&&').at(-1)!))
      .map(([name]) => name);
    assert.deepEqual(notExeced, [], 'scripts whose last command runs node without exec');
    assert.match(scripts.start!, /&& exec node dist\/scripts\/start\/start\.js$/);
  });
});
