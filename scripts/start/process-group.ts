/**
 * Sends `signal` to every process in the group led by `pid`; signal 0 only asks whether any is
 * left. Returns false when the group is empty.
 */
export function killGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}
