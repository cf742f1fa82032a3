import { randomBytes } from 'node:crypto';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface DeliberateBreak {
  /** File under dist/apps/<app>/src, e.g. `error-map.js`. */
  file: string;
  from: string;
  to: string;
}

export interface BrokenBuild {
  /** The name `startApp` takes to run this copy. */
  appName: string;
  dispose(): Promise<void>;
}

/**
 * A copy of a built app with one deliberate edit, to show that verification catches it. The copy
 * lives under .data/ (git-ignored) and is removed after: the source and dist/ stay untouched, so a
 * broken provider is never shipped. Fails when the edit no longer applies.
 */
export async function brokenCopyOf(app: string, edit: DeliberateBreak): Promise<BrokenBuild> {
  const dir = join(REPO_ROOT, '.data', `pact-broken-${randomBytes(4).toString('hex')}`);
  await cp(join(REPO_ROOT, 'dist/apps', app, 'src'), join(dir, app, 'src'), {
    recursive: true,
    filter: (source) => !source.endsWith('.spec.js'),
  });
  const target = join(dir, app, 'src', edit.file);
  const text = await readFile(target, 'utf8');
  if (!text.includes(edit.from)) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`${app}/${edit.file} no longer contains "${edit.from}": update the break`);
  }
  await writeFile(target, text.replace(edit.from, edit.to));
  return {
    appName: relative(join(REPO_ROOT, 'dist/apps'), join(dir, app)),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
