import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import {
  rejected,
  sagaType,
  succeeded,
  type SagaDefinition,
  type SagaStep,
} from '../../src/index.js';

/** How an errand ends: its payload decides, so one definition reaches every status. */
export type ErrandPlan = 'complete' | 'reject' | 'fail' | 'stuck';
type Errand = { plan: ErrandPlan };

export const ERRAND = sagaType<Errand>('errand');

/** While true, a `stuck` errand's compensation fails (the downstream is "down"). */
export const errandDownstream = { failing: true };

/**
 * A remote step undone by a compensation, then a local one: `reject` is refused by the first
 * (REJECTED), `fail` fails the second and is compensated (COMPENSATED), `stuck` too but its
 * compensation fails while `errandDownstream.failing` (STUCK once the engine gives up).
 */
@Injectable()
export class ErrandV1 implements SagaDefinition<Errand> {
  readonly type = ERRAND;
  readonly version = 1;
  readonly payload = z.object({ plan: z.enum(['complete', 'reject', 'fail', 'stuck']) });
  readonly steps: SagaStep<Errand>[] = [
    {
      name: 'reserve',
      execute: async ({ payload }) =>
        payload.plan === 'reject' ? rejected('refused') : succeeded(),
      compensate: async ({ payload }) => {
        if (payload.plan === 'stuck' && errandDownstream.failing)
          throw new Error('downstream down');
      },
    },
    {
      name: 'confirm',
      local: true,
      execute: async ({ payload }) => {
        if (payload.plan === 'fail' || payload.plan === 'stuck') throw new Error('cannot confirm');
        return succeeded();
      },
    },
  ];
}
