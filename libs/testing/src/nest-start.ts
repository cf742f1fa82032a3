import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

interface NestCli {
  projects: Record<string, { entryFile?: string } | undefined>;
}

/**
 * The node arguments `nest start <app>` runs once it has compiled (@nestjs/cli's start action,
 * spawnChildProcess): `--enable-source-maps <outDir>/<entryFile>`, from the repository root,
 * with nothing preloaded. Tests start the apps this way, so what they see is what
 * `npx nest start orders` gives a developer (telemetry included).
 */
export function nestStartArgs(app: string): string[] {
  const cli = JSON.parse(readFileSync(join(REPO_ROOT, 'nest-cli.json'), 'utf8')) as NestCli;
  // An app not in nest-cli.json (a copy, like the pact's deliberately broken builds under .data/,
  // named by its path from dist/apps) follows the same layout.
  const entryFile = cli.projects[app]?.entryFile ?? `apps/${app}/src/main`;
  const tsconfig = JSON.parse(readFileSync(join(REPO_ROOT, 'tsconfig.json'), 'utf8')) as {
    compilerOptions: { outDir: string };
  };
  return ['--enable-source-maps', join(tsconfig.compilerOptions.outDir, entryFile)];
}
