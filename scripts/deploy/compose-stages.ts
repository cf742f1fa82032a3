/** One step of a live run; `run` throws when the step's behaviour is not there. */
export interface Stage {
  name: string;
  run: (note: (line: string) => void) => Promise<void>;
}

export interface StageResult {
  name: string;
  status: 'passed' | 'failed' | 'skipped';
  seconds: number;
  notes: string[];
  error?: Error;
}

export interface StagesOutcome {
  results: StageResult[];
  /** What the teardown reported, or why it failed. */
  teardown: { notes: string[]; error?: Error };
}

/**
 * Runs the stages in order and stops at the first failure (the ones after it are skipped, since
 * each builds on the last); the teardown runs in every case, once, after the last stage that ran.
 * Nothing throws: the caller asserts on the outcome, so a failure halfway still leaves the
 * machine as it found it before any assertion reports.
 */
export async function runStages(
  stages: readonly Stage[],
  teardown: (note: (line: string) => void) => Promise<void>,
): Promise<StagesOutcome> {
  const results: StageResult[] = [];
  let failed: string | undefined;
  for (const stage of stages) {
    const notes: string[] = [];
    if (failed) {
      results.push({ name: stage.name, status: 'skipped', seconds: 0, notes: [`after ${failed}`] });
      continue;
    }
    const started = Date.now();
    const error = await stage.run((line) => notes.push(line)).then(() => undefined, asError);
    const seconds = (Date.now() - started) / 1000;
    if (error) failed = stage.name;
    results.push({ name: stage.name, status: error ? 'failed' : 'passed', seconds, notes, error });
  }
  const notes: string[] = [];
  const error = await teardown((line) => notes.push(line)).then(() => undefined, asError);
  return { results, teardown: { notes, error } };
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
