import { useCallback, useEffect, useState } from 'react';

import { ApiError } from './api/client';
import { useServices } from './context';

export type Resource<T> =
  | { status: 'loading'; data: null; error: null; retry: () => void }
  | { status: 'ready'; data: T; error: null; retry: () => void }
  | { status: 'error'; data: null; error: ApiError; retry: () => void };

/** Loads `load()` whenever `key` changes (and on retry); a late answer for an old key is
 * dropped. A 401 or 403 goes to the app, which replaces the whole screen. While `enabled` is
 * false nothing is asked and the resource stays loading; it loads the current key once enabled. */
export function useResource<T>(key: string, load: () => Promise<T>, enabled = true): Resource<T> {
  const { onAuthFailure } = useServices();
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<{ key: string; attempt: number; data: T | null; error: ApiError | null }>({
    key: '',
    attempt: -1,
    data: null,
    error: null,
  });
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  useEffect(() => {
    if (!enabled) return;
    let current = true;
    load().then(
      (data) => {
        if (current) setState({ key, attempt, data, error: null });
      },
      (reason: unknown) => {
        if (!current) return;
        const error = reason instanceof ApiError ? reason : new ApiError(0, null);
        if (error.status === 401 || error.status === 403) onAuthFailure(error.status);
        setState({ key, attempt, data: null, error });
      },
    );
    return () => {
      current = false;
    };
    // `load` is a new closure each render; `key` names what it loads.
  }, [key, attempt, enabled]);

  if (state.key !== key || state.attempt !== attempt) {
    return { status: 'loading', data: null, error: null, retry };
  }
  if (state.error) return { status: 'error', data: null, error: state.error, retry };
  return { status: 'ready', data: state.data as T, error: null, retry };
}
