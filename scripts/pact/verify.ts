import type { Verifier } from '@pact-foundation/pact';

interface Mismatch {
  path?: string;
  mismatch?: string;
}
interface VerificationError {
  interaction?: string;
  mismatch?: { mismatches?: Mismatch[]; message?: string };
}

/** A failed verification: one line per failed interaction, naming it, then its mismatches. */
export class PactVerificationError extends Error {
  override readonly name = 'PactVerificationError';
  constructor(readonly failures: { interaction: string; mismatches: string[] }[]) {
    super(
      `pact verification failed for ${failures.length} interaction(s):\n` +
        failures
          .map(
            ({ interaction, mismatches }) => `- ${interaction}\n    ${mismatches.join('\n    ')}`,
          )
          .join('\n'),
    );
  }
}

/**
 * Runs a verification. Pact JS rejects with the core's whole JSON report as the message; this
 * turns it into a short list of the failed interactions so a test failure reads at a glance.
 */
export async function verifyPacts(verifier: Verifier): Promise<void> {
  try {
    await verifier.verifyProvider();
  } catch (error) {
    const report = parseReport(error);
    if (!report) throw error;
    throw new PactVerificationError(
      report.map((entry) => ({
        interaction: entry.interaction ?? '(unnamed interaction)',
        mismatches: (entry.mismatch?.mismatches ?? [])
          .map((m) => `${m.path ?? ''} ${m.mismatch ?? ''}`.trim())
          .concat(entry.mismatch?.message ? [entry.mismatch.message] : []),
      })),
    );
  }
}

function parseReport(error: unknown): VerificationError[] | undefined {
  if (!(error instanceof Error)) return undefined;
  try {
    const parsed = JSON.parse(error.message) as { errors?: VerificationError[] };
    return Array.isArray(parsed.errors) && parsed.errors.length > 0 ? parsed.errors : undefined;
  } catch {
    return undefined;
  }
}
