import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './columns';
import { suppliers } from './tenant';

/**
 * Documents suppliers upload as answers (service definitions, pricing, terms, evidence for an opportunity).
 * Kept in the tenant's own schema like every other answer, so isolation, export and backup need nothing extra.
 * `extension` is the type found in the content, never the one the name claims.
 */
export const uploadedFiles = pgTable(
  'uploaded_files',
  {
    id: uuid('id').primaryKey(),
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => suppliers.id, { onDelete: 'cascade' }),
    uploadedBy: uuid('uploaded_by').notNull(),
    name: text('name').notNull(),
    extension: text('extension').notNull(),
    mediaType: text('media_type').notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('uploaded_files_supplier_idx').on(t.supplierId)],
);
