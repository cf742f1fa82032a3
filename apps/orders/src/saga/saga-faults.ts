import { Inject, Injectable } from '@nestjs/common';

export const SAGA_FAULTS_ENABLED = Symbol('SAGA_FAULTS_ENABLED');

/** Orders whose description contains this fail their confirm step while faults are enabled. */
export const FAIL_CONFIRM_MARKER = '[fail-confirm]';
/** …and these wait this long inside confirm, so a test can kill orders mid-saga. */
export const SLOW_CONFIRM_MARKER = '[slow-confirm]';
export const SLOW_CONFIRM_MS = 3_000;
/**
 * …and these fail their refund (the charge's compensation) until the fault is lifted at run
 * time, so the saga runs out of attempts and ends STUCK where the console shows it.
 */
export const FAIL_REFUND_MARKER = '[fail-refund]';
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
  private refundFaultArmed = true;

  constructor(@Inject(SAGA_FAULTS_ENABLED) readonly enabled: boolean) {}

  async beforeConfirm(description: string): Promise<void> {
    if (!this.enabled) return;
    if (description.includes(SLOW_CONFIRM_MARKER)) {
      await new Promise((resolve) => setTimeout(resolve, SLOW_CONFIRM_MS));
    }
    if (description.includes(FAIL_CONFIRM_MARKER)) {
      throw new Error(`confirm failed: test fault switch (${FAIL_CONFIRM_MARKER})`);
    }
  }

  async beforeRefund(description: string): Promise<void> {
    if (!this.enabled || !this.refundFaultArmed) return;
    if (description.includes(FAIL_REFUND_MARKER)) {
      throw new Error(`refund failed: test fault switch (${FAIL_REFUND_MARKER}) is armed`);
    }
  }

  /** Whether `[fail-refund]` orders fail their refund now (armed when the process starts). */
  get refundFailing(): boolean {
    return this.enabled && this.refundFaultArmed;
  }

  /** Arms or lifts the refund fault; a no-op unless faults are enabled. */
  setRefundFailing(failing: boolean): void {
    if (this.enabled) this.refundFaultArmed = failing;
  }

  /** Whether the refund is to be skipped (a deliberately broken compensation). */
  skipsRefund(description: string): boolean {
    return this.enabled && description.includes(SKIP_REFUND_MARKER);
  }
}
