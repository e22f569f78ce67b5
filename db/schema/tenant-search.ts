import { pgTable, text } from 'drizzle-orm/pg-core';

/**
 * Every distinct word (text-search lexeme) of the published services' documents, kept by statement-level
 * triggers (migration catalogue_search_words_trigger). The catalogue's typo fallback compares a misspelt word
 * with this vocabulary (tens of thousands of short words at most) instead of with every service, so its cost
 * does not grow with the catalogue. Words are never removed: a stale word costs one empty search.
 */
export const searchWords = pgTable('search_words', {
  word: text('word').primaryKey(),
});
