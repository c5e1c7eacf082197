import { useRef, useState } from 'react';
import { ApiError } from './api/client';

/**
 * One Idempotency-Key per submitted form. A network failure keeps the key and the body so
 * "Prøv igjen" repeats exactly that submission; any answer from the API (accepted or refused)
 * ends it, so the next submit is new and can never replay an old refusal.
 */
export function useSubmission<Body, Result>(send: (body: Body, idempotencyKey: string) => Promise<Result>) {
  const pending = useRef<{ key: string; body: Body } | null>(null);
  const [state, setState] = useState<
    | { kind: 'idle' }
    | { kind: 'sending' }
    | { kind: 'refused'; error: ApiError }
    | { kind: 'network-error' }
    | { kind: 'done'; result: Result }
  >({ kind: 'idle' });

  async function run(attempt: { key: string; body: Body }): Promise<Result | undefined> {
    pending.current = attempt;
    setState({ kind: 'sending' });
    try {
      const result = await send(attempt.body, attempt.key);
      pending.current = null;
      setState({ kind: 'done', result });
      return result;
    } catch (error) {
      if (error instanceof ApiError) {
        pending.current = null;
        setState({ kind: 'refused', error });
        return undefined;
      }
      setState({ kind: 'network-error' });
      return undefined;
    }
  }

  return {
    state,
    submit: (body: Body) => run({ key: crypto.randomUUID(), body }),
    retry: () => (pending.current ? run(pending.current) : Promise.resolve(undefined)),
    reset: () => {
      pending.current = null;
      setState({ kind: 'idle' });
    },
  };
}
