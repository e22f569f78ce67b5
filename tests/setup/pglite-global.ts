import type { TestProject } from 'vitest/node';
import { startEmbeddedDatabase } from '@/db/embedded';

/** In-memory PGlite served over a socket, so the code under test uses postgres.js exactly as in production. */
export default async function setup(project: TestProject) {
  const db = await startEmbeddedDatabase({ maxConnections: 64 });
  project.provide('databaseUrl', db.url);
  project.provide('databaseKind', 'pglite');
  return async () => db.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    databaseKind: 'pglite' | 'pg15';
  }
}
