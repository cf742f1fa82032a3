import { Injectable } from '@nestjs/common';

/** Run-time state of the test-only faults: whether `[fail-refund]` refunds fail right now. */
@Injectable()
export class FaultSwitch {
  /** Armed when the process starts, so a saga can be made STUCK and then let through. */
  refundFailing = true;
}
