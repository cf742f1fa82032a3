// Writes docker/.env for `docker compose` from docker/.env.example, replacing each placeholder
// with a fresh random password and JWT_PRIVATE_JWKS with a new ES256 key. Refuses to overwrite.
//   node dist/scripts/deploy/generate-env.js [path]      (default docker/.env)
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import { REPO_ROOT } from '../images/images.js';

const target = process.argv[2] ?? join(REPO_ROOT, 'docker/.env');
if (existsSync(target)) {
  process.stderr.write(`${target} exists; not overwriting it\n`);
  process.exit(1);
}
const { privateKey } = await generateKeyPair('ES256', { extractable: true });
const jwk = {
  ...(await exportJWK(privateKey)),
  kid: `compose-${randomUUID()}`,
  alg: 'ES256',
  use: 'sig',
};
const example = readFileSync(join(REPO_ROOT, 'docker/.env.example'), 'utf8');
const filled = example
  .split('\n')
  .map((line) => {
    if (line.startsWith('JWT_PRIVATE_JWKS=')) return `JWT_PRIVATE_JWKS='${JSON.stringify([jwk])}'`;
    if (/^[A-Z_]+=change-me/.test(line))
      return `${line.split('=')[0]}=${randomBytes(18).toString('base64url')}`;
    return line;
  })
  .join('\n');
writeFileSync(target, filled, { mode: 0o600 });
process.stdout.write(`wrote ${target}\n`);
