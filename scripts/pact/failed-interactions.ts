import { PactVerificationError } from './verify.js';
import type { PactDocument } from './pact-mutations.js';

/**
 * The descriptions of the pact's interactions a verification error names as failed. The core
 * names a failure "Verifying a pact between … [Given …] - <description>".
 */
export function failedInteractions(error: unknown, pact: PactDocument): string[] {
  if (!(error instanceof PactVerificationError)) throw error;
  return pact.interactions
    .map(({ description }) => description)
    .filter((description) =>
      error.failures.some(({ interaction }) => interaction.endsWith(` - ${description}`)),
    )
    .sort();
}
