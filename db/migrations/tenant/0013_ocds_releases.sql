CREATE TABLE "ocds_processes" (
	"object_type" text NOT NULL,
	"object_id" text NOT NULL,
	"ocid" text NOT NULL,
	"external" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ocds_processes_object_type_object_id_pk" PRIMARY KEY("object_type","object_id")
);
--> statement-breakpoint
CREATE TABLE "ocds_releases" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ocds_releases_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"ocid" text NOT NULL,
	"release_id" text NOT NULL,
	"release_date" timestamp with time zone NOT NULL,
	"tags" jsonb NOT NULL,
	"kind" text NOT NULL,
	"content_hash" text NOT NULL,
	"release" jsonb NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "ocds_processes_ocid_idx" ON "ocds_processes" USING btree ("ocid");--> statement-breakpoint
CREATE UNIQUE INDEX "ocds_releases_ocid_id_idx" ON "ocds_releases" USING btree ("ocid","release_id");--> statement-breakpoint
CREATE INDEX "ocds_releases_ocid_seq_idx" ON "ocds_releases" USING btree ("ocid","seq");--> statement-breakpoint
CREATE INDEX "ocds_releases_date_idx" ON "ocds_releases" USING btree ("release_date");