export interface UnfinishedVersion {
  type: string;
  version: number;
  count: number;
}

/**
 * Start-up refused: sagas are unfinished on definition versions this code no longer has. Running
 * them on another version could skip a compensation, so the deploy must keep those versions.
 */
export class MissingSagaVersionsError extends Error {
  override readonly name = 'MissingSagaVersionsError';
  constructor(readonly missing: readonly UnfinishedVersion[]) {
    super(
      'saga definitions missing for unfinished sagas: ' +
        missing.map((m) => `${m.type} v${m.version} (${m.count} in flight)`).join(', ') +
        '; keep those versions registered until their sagas have ended',
    );
  }
}
