import type { DirectoryRepository } from '@tiltak/persistence';

/** Display names for the staff ids a document mentions; unknown ids are left out. */
export async function staffNames(
  directory: DirectoryRepository,
  ids: Iterable<string>,
): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const found = await Promise.all(unique.map((id) => directory.getStaff(id)));
  return new Map(found.filter((s) => s !== null).map((s) => [s.id, s.displayName]));
}
