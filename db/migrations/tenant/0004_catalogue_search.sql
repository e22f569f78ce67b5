ALTER TABLE "services" ADD COLUMN "search_document" "tsvector";--> statement-breakpoint
CREATE INDEX "services_search_idx" ON "services" USING gin ("search_document");