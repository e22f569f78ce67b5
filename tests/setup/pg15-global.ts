import type { TestProject } from 'vitest/node';
import { startPg15Cluster } from '../support/pg15-cluster';

export default async function setup(project: TestProject) {
  const cluster = await startPg15Cluster();
  project.provide('databaseUrl', cluster.url);
  project.provide('databaseKind', 'pg15');
  return async () => cluster.stop();
}
