CREATE TABLE "guidance_pages" (
	"page" text NOT NULL,
	"locale" text NOT NULL,
	"markdown" text NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "guidance_pages_page_locale_pk" PRIMARY KEY("page","locale")
);
--> statement-breakpoint
CREATE INDEX "guidance_pages_updated_idx" ON "guidance_pages" USING btree ("updated_at");