/** Liveness says only that the event loop answers; readiness checks the stores. */
export const LIVE = { status: 'ok' } as const;
