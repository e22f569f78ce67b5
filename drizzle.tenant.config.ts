import { defineConfig } from 'drizzle-kit';

// Tenant tables are unqualified; db/migrator.ts applies these files inside each t_<slug> schema.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/tenant*.ts',
  out: './db/migrations/tenant',
});
