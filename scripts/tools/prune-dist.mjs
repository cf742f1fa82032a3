// Deletes compiled files in dist/ whose TypeScript source is gone (renamed or removed): tsc's
// incremental build never deletes outputs, and a stale spec would still run in `node --test`.
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const OUTPUT = /(\.d)?\.ts$|\.js(\.map)?$/;
let pruned = 0;
function visit(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) visit(path);
    else if (OUTPUT.test(name)) {
      const source = relative('dist', path).replace(/(\.d\.ts|\.js(\.map)?)$/, '.ts');
      if (!existsSync(source)) {
        rmSync(path);
        pruned += 1;
      }
    }
  }
}
for (const root of ['apps', 'libs', 'scripts']) {
  if (existsSync(join('dist', root))) visit(join('dist', root));
}
if (pruned > 0) console.log(`[build] removed ${pruned} compiled files whose source is gone`);
