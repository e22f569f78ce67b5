import path from 'node:path';
import { ZodError } from 'zod';
import { getDb, getSql } from '@/db/client';
import { withCliDatabase } from '@/db/cli/connect';
import { migratePlatform } from '@/db/migrator';
import { getTranslator } from '@/modules/i18n/server';
import { exportTenantFolder, importTenantFolder, TenantImportError } from './import-export';
import { listTenants } from './registry';

const USAGE = `Usage:
  npm run tenant -- import <folder>          create or update a tenant from tenants/<slug>
  npm run tenant -- export <slug> <folder>   write a tenant back in the same format
  npm run tenant -- list`;

/** English messages from the same translation keys the UI uses. */
export function describeImportError(error: unknown): string {
  const t = getTranslator('en');
  if (error instanceof ZodError) {
    return error.issues
      .map((issue) => {
        const where = issue.path.join('.') || '(root)';
        const params = 'params' in issue ? (issue.params as Record<string, string>) : {};
        const message = issue.message.startsWith('validation.') ? t(issue.message, params) : issue.message;
        return `  ${where}: ${message}`;
      })
      .join('\n');
  }
  if (error instanceof TenantImportError) return `  ${error.code}: ${JSON.stringify(error.detail)}`;
  return `  ${(error as Error).message}`;
}

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command === 'import' && rest[0]) {
    return withCliDatabase(async () => {
      await migratePlatform(getSql());
      try {
        const result = await importTenantFolder(getDb(), getSql(), path.resolve(rest[0]!));
        console.log(`${result.created ? 'Created' : 'Updated'} tenant ${result.slug} (schema v${result.schemaVersion}, ${result.seeded} demo suppliers loaded)`);
        return 0;
      } catch (error) {
        console.error(`Could not import ${rest[0]}:\n${describeImportError(error)}`);
        return 1;
      }
    });
  }
  if (command === 'export' && rest[0] && rest[1]) {
    return withCliDatabase(async () => {
      await exportTenantFolder(getDb(), rest[0]!, path.resolve(rest[1]!));
      console.log(`Exported tenant ${rest[0]} to ${rest[1]}`);
      return 0;
    });
  }
  if (command === 'list') {
    return withCliDatabase(async () => {
      for (const tenant of await listTenants()) console.log(`${tenant.slug}\t${tenant.status}\t${tenant.config.locales.map((l) => l.code).join(',')}`);
      return 0;
    });
  }
  console.error(USAGE);
  return 2;
}

if (process.argv[1]?.endsWith('tenants/cli.ts')) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
