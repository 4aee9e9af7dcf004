/**
 * A reducer whose latest state handlers can read at once. Keys can arrive faster than React
 * renders (a burst, a paste): a handler that read state from its render's closure would act on
 * a stale value. Here each dispatch folds into a ref immediately, then asks for a render.
 */
import { useReducer, useRef } from 'react';

export function useLatestReducer<S, A>(reducer: (state: S, action: A) => S, init: () => S): [S, (action: A) => void, () => S] {
  const ref = useRef<S | null>(null);
  if (ref.current === null) ref.current = init();
  const [, render] = useReducer((n: number) => n + 1, 0);
  const dispatch = (action: A) => {
    ref.current = reducer(ref.current as S, action);
    render();
  };
  return [ref.current, dispatch, () => ref.current as S];
}
