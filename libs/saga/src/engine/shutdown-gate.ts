import { Injectable } from '@nestjs/common';

/**
 * Closed when a shutdown's drain is over: from then on this engine starts no step, so the sagas
 * it still holds can be handed back at once. Without it a store with one connection (the
 * embedded PGlite) queues the hand-back behind every step waiting for that connection, and the
 * process outlives its shutdown limit.
 */
@Injectable()
export class ShutdownGate {
  private isClosed = false;

  get closed(): boolean {
    return this.isClosed;
  }

  close(): void {
    this.isClosed = true;
  }
}
