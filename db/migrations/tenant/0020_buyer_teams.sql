CREATE TABLE "buyer_team_members" (
	"team_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "buyer_team_members_team_id_user_id_pk" PRIMARY KEY("team_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "buyer_teams" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "buyer_teams_name_per_organisation" UNIQUE("organisation_id","name")
);
--> statement-breakpoint
ALTER TABLE "direct_award_projects" ADD COLUMN "team_id" uuid;--> statement-breakpoint
ALTER TABLE "buyer_team_members" ADD CONSTRAINT "buyer_team_members_team_id_buyer_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."buyer_teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buyer_teams" ADD CONSTRAINT "buyer_teams_organisation_id_buyer_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."buyer_organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "buyer_team_members_user_idx" ON "buyer_team_members" USING btree ("user_id");