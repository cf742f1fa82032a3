import { z } from 'zod';
import {
  rejected,
  sagaType,
  succeeded,
  type SagaDefinition,
  type SagaStep,
  type StepResult,
} from '../../src/definition/saga-definition.js';
import type { FakeTx } from './in-memory-saga.store.js';

export interface Trip {
  traveller: string;
  nights: number;
}

export const TRIP = sagaType<Trip>('trip');
export const tripPayload = z.object({ traveller: z.string().min(1), nights: z.number().int() });

type Call = () => Promise<StepResult | void>;

/** What each remote call does in a test: succeed unless the test scripts otherwise. */
export class TripScript {
  calls: string[] = [];
  reserve: Call = async () => succeeded();
  cancel: Call = async () => undefined;
  pay: Call = async () => succeeded();
  /** The local step's behaviour; it writes `booked` through the transaction first. */
  book: (tx: FakeTx) => Promise<StepResult> = async () => succeeded();
}

/** A saga of the shape the library is for: remote reserve (undone by cancel) → local book. */
export function tripV1(script: TripScript, extra: Partial<SagaDefinition<Trip, FakeTx>> = {}) {
  const steps: SagaStep<Trip, FakeTx>[] = [
    {
      name: 'reserve',
      execute: async () => {
        script.calls.push('reserve');
        return (await script.reserve()) ?? succeeded();
      },
      compensate: async () => {
        script.calls.push('cancel');
        await script.cancel();
      },
    },
    {
      name: 'book',
      local: true,
      execute: async ({ tx }) => {
        script.calls.push('book');
        tx.effects.push('booked');
        return script.book(tx);
      },
    },
  ];
  const definition: SagaDefinition<Trip, FakeTx> = {
    type: TRIP,
    version: 1,
    payload: tripPayload,
    steps,
    onEnd: async ({ tx, ending, correlationId }) => {
      tx.effects.push(`${correlationId} ended ${ending}`);
    },
    ...extra,
  };
  return definition;
}

/** v2 pays between reserve and book; a refusal to pay rejects the trip (and cancels). */
export function tripV2(script: TripScript): SagaDefinition<Trip, FakeTx> {
  const v1 = tripV1(script);
  const pay: SagaStep<Trip, FakeTx> = {
    name: 'pay',
    execute: async () => {
      script.calls.push('pay');
      return (await script.pay()) ?? rejected('no money');
    },
  };
  return { ...v1, version: 2, steps: [v1.steps[0]!, pay, v1.steps[1]!] };
}
