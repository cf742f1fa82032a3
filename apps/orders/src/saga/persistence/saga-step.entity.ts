import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { StepAction } from '../engine/saga-state.js';

/** What the engine did (`execute`, `compensate`) or a person did through the console. */
export type TimelineAction = StepAction | 'operator';

/** One row of a saga's timeline: a step's action and how it went. */
@Entity('saga_steps')
export class SagaStepEntity {
  /** Database-assigned and increasing (a bigint, so a string): orders a saga's rows (shown 1..n). */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  seq!: string;

  @Column({ name: 'saga_id', type: 'uuid' })
  sagaId!: string;

  @Column({ type: 'varchar', length: 32 })
  step!: string;

  @Column({ type: 'varchar', length: 16 })
  action!: TimelineAction;

  /** succeeded | failed | retrying | unknown */
  @Column({ type: 'varchar', length: 16 })
  outcome!: string;

  @Column({ type: 'integer' })
  attempt!: number;

  @Column({ type: 'varchar', length: 2000 })
  error!: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz' })
  finishedAt!: Date;

  @Column({ name: 'trace_id', type: 'varchar', length: 32 })
  traceId!: string;

  /** Who acted by hand (the admin's subject); null on the engine's own rows. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  actor?: string | null;

  /** The operator's note (required when resolving by hand). */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  note?: string | null;
}
