import { defineConfig } from 'drizzle-kit';

// Platform tables live in the `platform` schema and are always schema-qualified.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/platform*.ts',
  out: './db/migrations/platform',
});
