import type { INestApplicationContext } from '@nestjs/common';

const FORCE_EXIT_AFTER_MS = 10_000;

/**
 * On SIGTERM/SIGINT: run `beforeClose` (e.g. report NOT_SERVING), close the app (connections
 * drain, stores close) and exit 0. A shutdown that hangs is cut off so an orchestrator's grace
 * period is never exceeded silently.
 */
export function exitOnSignals(
  app: INestApplicationContext,
  beforeClose: () => void = () => {},
): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    beforeClose();
    setTimeout(() => {
      process.stderr.write(
        `shutdown after ${signal} took over ${FORCE_EXIT_AFTER_MS} ms; exiting\n`,
      );
      process.exit(1);
    }, FORCE_EXIT_AFTER_MS).unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
