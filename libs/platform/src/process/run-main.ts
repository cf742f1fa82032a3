import { ConfigError } from '../config/load-config.js';

/**
 * Runs an app's bootstrap; a configuration error ends the process with its message and exit
 * code 1 instead of a stack trace, anything else with the error itself.
 */
export function runMain(service: string, bootstrap: () => Promise<void>): void {
  bootstrap().catch((error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${service}: ${error.message}\n`);
    } else {
      process.stderr.write(`${service}: failed to start: ${describe(error)}\n`);
    }
    process.exit(1);
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
