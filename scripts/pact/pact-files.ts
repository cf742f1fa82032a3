import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where consumer tests write pacts and verifications read them: `<repo>/pacts/` (git-ignored). */
export const PACT_DIR = fileURLToPath(new URL('../../../pacts/', import.meta.url));

/** Pacticipant names, as the broker knows them. */
export const PACTICIPANTS = { orders: 'orders', payments: 'payments', auth: 'auth' } as const;

export function pactFile(consumer: string, provider: string): string {
  return join(PACT_DIR, `${consumer}-${provider}.json`);
}

/** The local pact file a verification needs; fails naming the command that writes it. */
export function requirePactFile(consumer: string, provider: string): string {
  const file = pactFile(consumer, provider);
  if (!existsSync(file)) {
    throw new Error(`${file} does not exist: run \`npm run pact:consumer\` first`);
  }
  return file;
}
