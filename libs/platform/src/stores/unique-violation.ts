import { QueryFailedError } from 'typeorm';

/** PostgreSQL's unique_violation (23505): a concurrent insert won the race. */
export function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof QueryFailedError &&
    (error.driverError as { code?: string } | undefined)?.code === '23505'
  );
}
