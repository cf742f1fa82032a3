import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const GRPCURL_MODULE = 'github.com/fullstorydev/grpcurl/cmd/grpcurl@v1.9.3';

export interface GrpcurlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export type Grpcurl = (...args: string[]) => Promise<GrpcurlResult>;

/**
 * The real grpcurl (a gRPC reflection client), from .tools/bin (GRPCURL_BIN overrides), built
 * from the Go module proxy and cached on first use like the other Go tools. Undefined, with the
 * reason, when it cannot be had (no Go): the caller skips rather than fakes it.
 */
export function findGrpcurl(): { grpcurl?: Grpcurl; reason?: string } {
  const binary = process.env.GRPCURL_BIN ?? join(REPO_ROOT, '.tools/bin/grpcurl');
  if (!existsSync(binary)) {
    const script = join(REPO_ROOT, 'scripts/tools/install-go-tool.sh');
    const built = spawnSync('bash', [script, 'grpcurl', GRPCURL_MODULE], { encoding: 'utf8' });
    if (built.status !== 0) {
      return { reason: `no grpcurl, and building it failed: ${built.stderr.trim()}` };
    }
  }
  const grpcurl: Grpcurl = (...args) =>
    new Promise((resolve) => {
      execFile(binary, args, { timeout: 20_000 }, (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      });
    });
  return { grpcurl };
}
