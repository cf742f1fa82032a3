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
});
