import { expect } from 'vitest';

/** Drizzle wraps driver errors ("Failed query: ..."); the database's own message is in the cause chain. */
export function databaseMessage(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  while (current instanceof Error) {
    parts.push(current.message);
    current = current.cause;
  }
  return parts.join(' | ');
}

export async function expectDatabaseError(work: Promise<unknown>, pattern: RegExp): Promise<void> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'expected the database to refuse').not.toBeNull();
  expect(databaseMessage(error)).toMatch(pattern);
}
