CREATE TABLE "buyer_access_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "buyer_access_requests" ADD CONSTRAINT "buyer_access_requests_organisation_id_buyer_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."buyer_organisations"("id") ON DELETE cascade ON UPDATE no action;