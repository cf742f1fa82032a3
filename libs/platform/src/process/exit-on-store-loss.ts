/**
 * An app cannot serve without its store: when an embedded store stops by itself, the app stops
 * too (exit 1) rather than answer every call with an error, so whoever supervises it (the
 * launcher, an orchestrator) sees the failure and starts both again.
 */
export function exitOnStoreLoss(service: string, store: { lost?: Promise<string> }): void {
  void store.lost?.then((how) => {
    process.stderr.write(`${service}: ${how}; stopping, it cannot serve without its store\n`);
    process.exit(1);
  });
}
