CREATE TABLE "buyer_members" (
	"organisation_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "buyer_members_organisation_id_user_id_pk" PRIMARY KEY("organisation_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "buyer_organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"organisation_type" text NOT NULL,
	"email_domains" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "direct_award_projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"name" text NOT NULL,
	"search_query" text DEFAULT '' NOT NULL,
	"search_ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outcomes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid,
	"result" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"supplier_id" uuid,
	"service_id" uuid,
	"value" text,
	"start_date" text,
	"end_date" text,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_snapshots" (
	"project_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"supplier_id" uuid NOT NULL,
	"supplier_name" text NOT NULL,
	"framework_slug" text NOT NULL,
	"lot" text NOT NULL,
	"answers" jsonb NOT NULL,
	CONSTRAINT "project_snapshots_project_id_service_id_pk" PRIMARY KEY("project_id","service_id")
);
--> statement-breakpoint
ALTER TABLE "buyer_members" ADD CONSTRAINT "buyer_members_organisation_id_buyer_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."buyer_organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "direct_award_projects" ADD CONSTRAINT "direct_award_projects_organisation_id_buyer_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."buyer_organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcomes" ADD CONSTRAINT "outcomes_project_id_direct_award_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."direct_award_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_snapshots" ADD CONSTRAINT "project_snapshots_project_id_direct_award_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."direct_award_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "buyer_members_user_idx" ON "buyer_members" USING btree ("user_id");