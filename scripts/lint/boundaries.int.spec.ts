import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const run = promisify(execFile);

/** One file per rule, each breaking exactly that rule (and the importers that make it reachable). */
const FIXTURE: Record<string, string> = {
  'apps/a/src/main.ts': [
    "import './cross.js';",
    "import './deep.js';",
    "import './prod.js';",
    "import './dev.js';",
    "import './c1.js';",
    "import './domain/d.js';",
    "import './domain/e.js';",
    "import './transport/t.js';",
    "import '../../orders/src/orders/o.js';",
  ].join('\n'),
  'apps/a/src/cross.ts': "import '../../b/src/y.js';",
  'apps/b/src/y.ts': "import '../../../libs/l/src/index.js';",
  'libs/l/src/index.ts': "import './z.js';",
  'libs/l/src/z.ts': "import '../../../apps/a/src/leaf.js';",
  'apps/a/src/leaf.ts': 'export const leaf = 1;',
  'apps/a/src/deep.ts': "import '../../../libs/l/src/z.js';",
  'apps/a/src/domain/d.ts': "import '@nestjs/common';",
  'apps/a/src/domain/e.ts': "import '../../../../libs/l/src/index.js';",
  'apps/a/src/transport/t.ts': "import '../persistence/p.js';",
  'apps/a/src/persistence/p.ts': 'export const p = 1;',
  'apps/orders/src/orders/o.ts': "import '../console/c.js';",
  'apps/orders/src/console/c.ts': 'export const c = 1;',
  'apps/a/src/prod.ts': "import '../test/helper.js';",
  'apps/a/test/helper.ts': 'export const helper = 1;',
  'apps/a/src/dev.ts': "import 'yaml';",
  'apps/a/src/orphan.ts': 'export const nobodyImportsMe = 1;',
  'apps/a/src/c1.ts': "import './c2.js';",
  'apps/a/src/c2.ts': "import './c1.js';",
};

const EXPECTED: [rule: string, from: string][] = [
  ['apps-are-independent', 'apps/a/src/cross.ts'],
  ['libs-do-not-import-apps', 'libs/l/src/z.ts'],
  ['libs-through-their-entry-point', 'apps/a/src/deep.ts'],
  ['domain-is-pure', 'apps/a/src/domain/d.ts'],
  ['domain-is-pure', 'apps/a/src/domain/e.ts'],
  ['transport-does-not-touch-persistence', 'apps/a/src/transport/t.ts'],
  ['capabilities-do-not-import-up', 'apps/orders/src/orders/o.ts'],
  ['production-code-imports-no-tests', 'apps/a/src/prod.ts'],
  ['production-code-imports-no-dev-dependencies', 'apps/a/src/dev.ts'],
  ['no-orphans', 'apps/a/src/orphan.ts'],
  ['no-circular', 'apps/a/src/c1.ts'],
];

interface Report {
  summary: { violations: { rule: { name: string }; from: string }[] };
}

describe('architecture boundaries (.dependency-cruiser.cjs) catch each deliberate violation', () => {
  let dir: string;
  let found: Report['summary']['violations'];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'saga-boundaries-'));
    for (const [path, source] of Object.entries(FIXTURE)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), `${source}\n`);
    }
    const manifest = { type: 'module', devDependencies: { yaml: '*' }, dependencies: {} };
    await writeFile(join(dir, 'package.json'), JSON.stringify(manifest));
    const compiler = { module: 'nodenext', moduleResolution: 'nodenext', strict: true };
    await writeFile(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: compiler }));
    await symlink(join(REPO, 'node_modules'), join(dir, 'node_modules'));
    const depcruise = join(REPO, 'node_modules/.bin/depcruise');
    const config = join(REPO, '.dependency-cruiser.cjs');
    const { stdout } = await run(depcruise, ['apps', 'libs', '--config', config, '-T', 'json'], {
      cwd: dir,
      maxBuffer: 64 * 1024 * 1024,
    }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    found = (JSON.parse(stdout) as Report).summary.violations;
  });
  after(() => rm(dir, { recursive: true, force: true }));

  for (const [rule, from] of EXPECTED) {
    it(`${rule}: ${from}`, () => {
      const hits = found.filter((violation) => violation.rule.name === rule);
      assert.ok(
        hits.some((violation) => violation.from === from),
        `${rule} not reported for ${from}; reported: ${JSON.stringify(hits.map((h) => h.from))}`,
      );
    });
  }
});
