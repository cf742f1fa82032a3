import { Inject, Injectable } from '@nestjs/common';

export const SAGA_FAULTS_ENABLED = Symbol('SAGA_FAULTS_ENABLED');

/** Orders whose description contains this fail their confirm step while faults are enabled. */
export const FAIL_CONFIRM_MARKER = '[fail-confirm]';
/** …and these wait this long inside confirm, so a test can kill orders mid-saga. */
export const SLOW_CONFIRM_MARKER = '[slow-confirm]';
export const SLOW_CONFIRM_MS = 3_000;
/**
 * …and these have a deliberately broken compensation: the charge's undo reports success without
 * refunding. Only the chaos run's proof that its invariant checker catches a bad saga uses it.
 */
export const SKIP_REFUND_MARKER = '[skip-refund]';

/**
 * Test-only fault switch (SAGA_FAULTS_ENABLED=true; off by default and refused in production):
 * lets end-to-end tests and the demo force the compensation path without touching the engine.
 */
@Injectable()
export class SagaFaults {
  constructor(@Inject(SAGA_FAULTS_ENABLED) private readonly enabled: boolean) {}

  async beforeConfirm(description: string): Promise<void> {
    if (!this.enabled) return;
    if (description.includes(SLOW_CONFIRM_MARKER)) {
      await new Promise((resolve) => setTimeout(resolve, SLOW_CONFIRM_MS));
    }
    if (description.includes(FAIL_CONFIRM_MARKER)) {
      throw new Error(`confirm failed: test fault switch (${FAIL_CONFIRM_MARKER})`);
    }
  }

  /** Whether the refund is to be skipped; reads the description only while faults are on. */
  async skipsRefund(description: () => Promise<string>): Promise<boolean> {
    return this.enabled && (await description()).includes(SKIP_REFUND_MARKER);
  }
}
