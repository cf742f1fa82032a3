import { Injectable } from '@nestjs/common';
import { InvalidSagaError } from '../errors/invalid-saga.error.js';
import { UnknownSagaError } from '../errors/unknown-saga.error.js';
import type { StepShape } from '../engine/saga-state.js';
import type { AnySagaDefinition } from './saga-definition.js';

const NAME = /^[a-z][a-z0-9-]{0,31}$/;

/** Every registered definition, by type and version; new sagas start on a type's newest. */
@Injectable()
export class SagaRegistry {
  private readonly byType = new Map<string, Map<number, AnySagaDefinition>>();

  register(definition: AnySagaDefinition): void {
    const { type, version, steps } = definition;
    const where = `${type.name} v${version}`;
    if (!NAME.test(type.name)) throw new InvalidSagaError(`${where}: type must match ${NAME}`);
    if (!Number.isInteger(version) || version < 1) {
      throw new InvalidSagaError(`${where}: version must be a positive integer`);
    }
    if (steps.length === 0) throw new InvalidSagaError(`${where}: has no steps`);
    const names = steps.map((step) => step.name);
    const bad = names.find((name, i) => !NAME.test(name) || names.indexOf(name) !== i);
    if (bad !== undefined) {
      throw new InvalidSagaError(`${where}: step name "${bad}" is malformed or repeated`);
    }
    const versions = this.byType.get(type.name) ?? new Map<number, AnySagaDefinition>();
    if (versions.has(version)) throw new InvalidSagaError(`${where}: registered twice`);
    this.byType.set(type.name, versions.set(version, definition));
  }

  /** The definition new sagas of `type` start on. */
  newest(type: string): AnySagaDefinition {
    const versions = this.byType.get(type);
    if (!versions) throw new UnknownSagaError(type);
    return versions.get(Math.max(...versions.keys()))!;
  }

  get(type: string, version: number): AnySagaDefinition {
    const definition = this.byType.get(type)?.get(version);
    if (!definition) throw new UnknownSagaError(type, version);
    return definition;
  }

  has(type: string, version: number): boolean {
    return this.byType.get(type)?.has(version) ?? false;
  }

  types(): string[] {
    return [...this.byType.keys()];
  }

  /** Every registered type and version. */
  versions(): { type: string; version: number }[] {
    return [...this.byType].flatMap(([type, versions]) =>
      [...versions.keys()].map((version) => ({ type, version })),
    );
  }
}

/** The shape the state machine needs: a step is compensable when it has a compensation. */
export function shapesOf(definition: AnySagaDefinition): StepShape[] {
  return definition.steps.map((step) => ({
    onFailure: step.onFailure ?? 'compensate',
    compensable: step.compensate !== undefined,
  }));
}
