import { bigint, boolean, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/*
 * Open contracting data (modules/ocds). Tenant tables, unqualified like the others (bound per transaction).
 */

/**
 * Which contracting process (ocid) a domain object is: a framework, a direct award outcome, an opportunity...
 * The ocid is minted once under the tenant's prefix and never changes, even if the prefix setting does.
 * Imported processes keep the ocid their original publisher gave them (external: we do not publish those).
 */
export const ocdsProcesses = pgTable(
  'ocds_processes',
  {
    objectType: text('object_type').notNull(),
    objectId: text('object_id').notNull(),
    ocid: text('ocid').notNull(),
    external: boolean('external').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.objectType, t.objectId] }), uniqueIndex('ocds_processes_ocid_idx').on(t.ocid)],
);

/**
 * Published releases: immutable (triggers refuse UPDATE, DELETE and TRUNCATE, like audit_events). `seq` is the
 * cursor of the public feed; emitters take a per-tenant advisory lock before inserting, so seq order is commit order.
 */
export const ocdsReleases = pgTable(
  'ocds_releases',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    ocid: text('ocid').notNull(),
    releaseId: text('release_id').notNull(),
    releaseDate: timestamp('release_date', { withTimezone: true }).notNull(),
    tags: jsonb('tags').$type<string[]>().notNull(),
    /** Emission family (tender, award, contract...): a release identical to the last one of its kind is not repeated. */
    kind: text('kind').notNull(),
    contentHash: text('content_hash').notNull(),
    release: jsonb('release').$type<Record<string, unknown>>().notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('ocds_releases_ocid_id_idx').on(t.ocid, t.releaseId),
    index('ocds_releases_ocid_seq_idx').on(t.ocid, t.seq),
    index('ocds_releases_date_idx').on(t.releaseDate),
  ],
);
