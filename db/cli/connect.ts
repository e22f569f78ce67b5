import path from 'node:path';
import { closeDb } from '../client';
import { startEmbeddedDatabase } from '../embedded';

export const DEFAULT_DATA_DIR = path.join(process.cwd(), '.data', 'pglite');

/** Runs a CLI task against DATABASE_URL, or against the embedded database in ./.data when it is unset. */
export async function withCliDatabase<T>(task: () => Promise<T>): Promise<T> {
  const embedded = process.env.DATABASE_URL
    ? null
    : await startEmbeddedDatabase({ dataDir: process.env.DATA_DIR ?? DEFAULT_DATA_DIR });
  if (embedded) {
    process.env.DATABASE_URL = embedded.url;
    process.env.DATABASE_KIND = 'embedded';
  }
  try {
    return await task();
  } finally {
    await closeDb();
    await embedded?.stop();
  }
}
