import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from './api/client';
import { useSubmission } from './use-submission';

describe('useSubmission', () => {
  it('reuses the Idempotency-Key and body only to retry after a network failure', async () => {
    const send = vi
      .fn<(body: { n: number }, key: string) => Promise<string>>()
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValueOnce('ok');
    const { result } = renderHook(() => useSubmission(send));
    await act(() => result.current.submit({ n: 1 }));
    expect(result.current.state.kind).toBe('network-error');
    await act(() => result.current.retry());
    expect(result.current.state).toEqual({ kind: 'done', result: 'ok' });
    expect(send).toHaveBeenCalledTimes(2);
    expect(send.mock.calls[1]).toEqual(send.mock.calls[0]);
  });

  it('sends a new key after a refusal, so a retry never replays the old answer', async () => {
    const send = vi
      .fn<(body: { n: number }, key: string) => Promise<string>>()
      .mockRejectedValueOnce(new ApiError(409, { code: 'EVENT_REJECTED', message: 'Ikke nå.' }))
      .mockResolvedValueOnce('ok');
    const { result } = renderHook(() => useSubmission(send));
    await act(() => result.current.submit({ n: 1 }));
    expect(result.current.state.kind).toBe('refused');
    await act(() => result.current.retry());
    expect(send).toHaveBeenCalledTimes(1);
    await act(() => result.current.submit({ n: 1 }));
    expect(send).toHaveBeenCalledTimes(2);
    expect(send.mock.calls[1]![1]).not.toBe(send.mock.calls[0]![1]);
  });

  it('gives every new submission its own key', async () => {
    const send = vi.fn<(body: number, key: string) => Promise<number>>().mockResolvedValue(1);
    const { result } = renderHook(() => useSubmission(send));
    await act(() => result.current.submit(1));
    await act(() => result.current.submit(1));
    expect(new Set(send.mock.calls.map((c) => c[1])).size).toBe(2);
  });
});
