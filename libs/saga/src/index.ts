// The library's public surface: apps import only from here.
export { SagaModule, type SagaFeature, type SagaModuleAsyncOptions } from './saga.module.js';
export type { SagaModuleOptions } from './saga-module-options.js';
export {
  rejected,
  sagaType,
  succeeded,
  type LocalStep,
  type LocalStepContext,
  type RemoteStep,
  type AnySagaDefinition,
  type SagaDefinition,
  type SagaEnd,
  type SagaEnding,
  type SagaStep,
  type SagaType,
  type StepContext,
  type StepResult,
} from './definition/saga-definition.js';
export type { PayloadSchema } from './definition/payload-schema.js';
export { SagaOrchestrator, type StartedSaga } from './engine/saga-orchestrator.js';
export { SagaRecoveryWorker } from './engine/saga-recovery.worker.js';
export {
  TERMINAL_STATUSES,
  UNFINISHED_STATUSES,
  isTerminal,
  type SagaStatus,
} from './engine/saga-state.js';
export { SagaReader } from './views/saga-reader.js';
export {
  pipelinedTransaction,
  type PipelinedTransactionOptions,
} from './store/postgres/transaction.js';
export {
  prepared,
  runSql,
  sendSql,
  type PreparedStatement,
  type RunOptions,
  type SqlResult,
} from './store/postgres/sql.js';
export type { SagaDefinitionView } from './views/definition-view.js';
export type { SagaView, TimelineView, SagaWithTimeline } from './views/saga-view.js';
export type { SagaCursor, SagaFilter, StatusCount } from './views/saga-filter.js';
export { SagaOperator, type OperatorAction } from './operator/saga-operator.js';
export { CreateSagaTables1764000000000 } from './store/postgres/migrations/1764000000000-create-saga-tables.js';
export { SagaStatusTally1764300000000 } from './store/postgres/migrations/1764300000000-saga-status-tally.js';
export { SagaHeldCheck1764600000000 } from './store/postgres/migrations/1764600000000-saga-held-check.js';
export { SagaEngineStoppingError } from './errors/engine-stopping.error.js';
export { InvalidSagaError } from './errors/invalid-saga.error.js';
export {
  MissingSagaVersionsError,
  type UnfinishedVersion,
} from './errors/missing-saga-versions.error.js';
export { SagaNotFoundError } from './errors/saga-not-found.error.js';
export { SagaNotStuckError } from './errors/saga-not-stuck.error.js';
export { StepNotAttemptedError } from './errors/step-not-attempted.error.js';
export { StepOutcomeUnknownError } from './errors/step-outcome-unknown.error.js';
export { UnknownSagaError } from './errors/unknown-saga.error.js';
