import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface Polled<T> {
  data: T | undefined;
  error: Error | undefined;
  updatedAt: Date | undefined;
  /** Loads again now (after an action), without waiting for the next tick. */
  refresh(): void;
}

/**
 * Loads at once, then again `intervalMs` after each answer (never two requests at a time), and
 * pauses while the tab is hidden. A change of `key` starts over and drops stale answers.
 */
export function usePoll<T>(
  load: (signal: AbortSignal) => Promise<T>,
  key: string,
  intervalMs: number,
): Polled<T> {
  const [state, setState] = useState<Omit<Polled<T>, 'refresh'>>({
    data: undefined,
    error: undefined,
    updatedAt: undefined,
  });
  const loadRef = useRef(load);
  loadRef.current = load;
  const kick = useRef<() => void>(() => {});

  useEffect(() => {
    setState({ data: undefined, error: undefined, updatedAt: undefined });
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let running = false;
    const tick = async () => {
      clearTimeout(timer);
      if (running || controller.signal.aborted) return;
      if (document.hidden) return; // visibilitychange resumes
      running = true;
      try {
        const data = await loadRef.current(controller.signal);
        if (!controller.signal.aborted) setState({ data, error: undefined, updatedAt: new Date() });
      } catch (error) {
        if (!controller.signal.aborted) {
          setState((previous) => ({ ...previous, error: error as Error }));
        }
      } finally {
        running = false;
        if (!controller.signal.aborted) timer = setTimeout(tick, intervalMs);
      }
    };
    const onVisible = () => !document.hidden && void tick();
    kick.current = () => void tick();
    document.addEventListener('visibilitychange', onVisible);
    void tick();
    return () => {
      controller.abort();
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [key, intervalMs]);

  const refresh = useCallback(() => kick.current(), []);
  return { ...state, refresh };
}
