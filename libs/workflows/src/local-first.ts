// Work a workflow task can do itself: a local activity first, run by the worker inside the task that
// asked for it; when that fails (and `fallBack` agrees), the regular activity with its own retries.

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
