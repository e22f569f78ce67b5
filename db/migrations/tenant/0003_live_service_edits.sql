ALTER TABLE "services" ADD COLUMN "pending_answers" jsonb;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "pending_since" timestamp with time zone;