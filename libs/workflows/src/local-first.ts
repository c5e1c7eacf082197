// Work a workflow task can do itself: a local activity first, run by the worker inside the task that
// asked for it; when that fails (and `fallBack` agrees), the regular activity with its own retries.
import type { LocalActivityOptions } from '@temporalio/workflow';

/**
 * The bound of every local-first activity: while it runs the workflow task stays open and nothing new
 * (an Update's acceptance, a query) is answered, so a few seconds at most, then the regular activity.
 */
export const LOCAL_FIRST_OPTIONS: LocalActivityOptions = {
  startToCloseTimeout: '3 seconds',
  scheduleToCloseTimeout: '3 seconds',
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumAttempts: 3 },
};

export async function locallyFirst<T>(
  viaLocal: () => Promise<T>,
  viaActivity: () => Promise<T>,
  fallBack: (err: unknown) => boolean = () => true,
): Promise<T> {
  try {
    return await viaLocal();
  } catch (err) {
    if (!fallBack(err)) throw err;
    return viaActivity();
  }
}
