import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SagaEnding, SagaStatus } from '../engine/saga-state.js';

@Entity('saga_instances')
export class SagaInstanceEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  type!: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: SagaStatus;

  @Column({ type: 'varchar', length: 32 })
  step!: string;

  @Column({ type: 'integer' })
  attempts!: number;

  @Column({ name: 'last_error', type: 'varchar', length: 2000 })
  lastError!: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  ending!: SagaEnding | null;

  /** The engine instance holding the lease; null when released for the recovery worker. */
  @Column({ type: 'varchar', length: 128, nullable: true })
  owner!: string | null;

  /** Lease expiry while owned; earliest retry time while released. */
  @Column({ name: 'next_attempt_at', type: 'timestamptz' })
  nextAttemptAt!: Date;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  /** The saga's input, written once at start, so steps need not read it back from elsewhere. */
  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  /** Bumped by every transition; a transition applies only to the version it ran against. */
  @Column({ type: 'integer' })
  version!: number;
}
