import { index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/*
 * Public guidance pages (how to sell, how to buy, contact, accessibility statement) written by tenant
 * administrators in Markdown, one row per page and locale. Rendered through a sanitiser (modules/opendata/markdown.ts):
 * the stored text is never trusted as HTML.
 */
export const guidancePages = pgTable(
  'guidance_pages',
  {
    /** how-to-sell | how-to-buy | contact | accessibility */
    page: text('page').notNull(),
    locale: text('locale').notNull(),
    markdown: text('markdown').notNull(),
    updatedBy: uuid('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.page, t.locale] }), index('guidance_pages_updated_idx').on(t.updatedAt)],
);
