import { useCallback, useEffect, useRef, useState } from 'react';

/** What {@link useApi} gives a page. */
export interface ApiState<T> {
  readonly data: T | undefined;
  readonly error: Error | undefined;
  readonly loading: boolean;
  readonly reload: () => void;
}

/**
 * Loads with `load` whenever `key` changes; with `pollMs`, loads again on that period while
 * `keepPolling(data)` holds (a running execution) and `pollMs` stays set (an auto-refresh the
 * user can turn off). Stale answers of an older key are dropped.
 */
export function useApi<T>(key: string, load: () => Promise<T>, options: { readonly pollMs?: number; readonly keepPolling?: (data: T) => boolean } = {}): ApiState<T> {
  const [state, setState] = useState<{ key: string; data?: T; error?: Error; loading: boolean }>({ key, loading: true });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const optionsRef = useRef(options);
  optionsRef.current = options;

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = (): void => {
      setState((previous) => ({ ...(previous.key === key ? previous : { key }), loading: true }));
      loadRef.current().then(
        (data) => {
          if (!live) return;
          setState({ key, data, loading: false });
          const { pollMs, keepPolling } = optionsRef.current;
          // Polling turned off meanwhile (pollMs now undefined) cancels the load already scheduled.
          if (pollMs !== undefined && (keepPolling?.(data) ?? true)) timer = setTimeout(() => optionsRef.current.pollMs !== undefined && run(), pollMs);
        },
        (error: unknown) => {
          if (!live) return;
          setState((previous) => ({ ...(previous.key === key ? previous : { key }), error: error instanceof Error ? error : new Error(String(error)), loading: false }));
        },
      );
    };
    run();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  const current = state.key === key ? state : { data: undefined, error: undefined, loading: true };
  return { data: current.data, error: current.error, loading: current.loading, reload };
}
