/**
 * Optimistic locking: an edit names the version it started from; when someone saved since, the update matches
 * no row and the person is told to reload (security.conflict) instead of silently overwriting the other edit.
 */
export class VersionConflictError extends Error {
  constructor(readonly objectType: string, readonly objectId: string) {
    super(`${objectType} ${objectId} changed since it was loaded`);
    this.name = 'VersionConflictError';
  }
}

/** The version a form was rendered with: a positive integer, or null when absent or malformed. */
export function baseVersion(value: FormDataEntryValue | null): number | null {
  if (typeof value !== 'string' || !/^[1-9]\d{0,8}$/.test(value)) return null;
  return Number(value);
}
