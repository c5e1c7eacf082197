/** What `begin` found for a caller's Idempotency-Key. */
export type IdempotencyBeginResult =
  /** First use: go ahead, then `complete` (or `abandon` if nothing was written). */
  | { state: 'new' }
  /** Another request with this key is still running. */
  | { state: 'in-progress' }
  /** Done before: answer with the stored response. */
  | { state: 'completed'; status: number; body: unknown }
  /** The key was used for a different request (method, path or body). */
  | { state: 'mismatch' };

export interface IdempotencyRequest {
  method: string;
  path: string;
  requestHash: string;
}
