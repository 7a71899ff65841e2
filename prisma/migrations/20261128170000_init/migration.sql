-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "OrgType" AS ENUM ('MINISTERIAL_DEPARTMENT', 'NON_MINISTERIAL_DEPARTMENT', 'AGENCY');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ESTATES_EDITOR', 'ORG_VIEWER', 'CABINET_OFFICE', 'MINISTER_OFFICE', 'ADMIN');

-- CreateEnum
CREATE TYPE "Sensitivity" AS ENUM ('SENSITIVE', 'NOT_SENSITIVE', 'UNASSESSED');

-- CreateEnum
CREATE TYPE "Classification" AS ENUM ('OFFICIAL', 'SECRET', 'TOP_SECRET');

-- CreateEnum
CREATE TYPE "DeviceKind" AS ENUM ('CAMERA', 'RECORDER', 'ENCODER', 'OTHER');

-- CreateEnum
CREATE TYPE "Network" AS ENUM ('CORE', 'SEGREGATED', 'STANDALONE', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "Lifecycle" AS ENUM ('IN_SERVICE', 'DECOMMISSIONED', 'REMOVED');

-- CreateEnum
CREATE TYPE "DeviceStatus" AS ENUM ('BREACH', 'ACTION_DUE', 'UNVERIFIED', 'ADVISORY', 'COMPLIANT', 'REMOVED');

-- CreateEnum
CREATE TYPE "OrgStatus" AS ENUM ('RED', 'AMBER', 'GREEN', 'NO_DATA');

-- CreateEnum
CREATE TYPE "ProducerClass" AS ENUM ('COVERED', 'NOT_COVERED', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "Confidence" AS ENUM ('HIGH', 'MEDIUM', 'LOW');

-- CreateEnum
CREATE TYPE "ReportFormat" AS ENUM ('PDF', 'XLSX', 'CSV');

-- CreateTable
CREATE TABLE "organisations" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "acronym" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "type" "OrgType" NOT NULL,
    "parent_id" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "organisations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sites" (
    "id" SERIAL NOT NULL,
    "organisation_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "site_code" TEXT NOT NULL,
    "address_line1" TEXT NOT NULL,
    "address_line2" TEXT,
    "town" TEXT NOT NULL,
    "postcode" TEXT NOT NULL,
    "uprn" TEXT,
    "epims_id" TEXT,
    "sensitivity" "Sensitivity" NOT NULL DEFAULT 'UNASSESSED',
    "holds_secret_material" BOOLEAN NOT NULL DEFAULT false,
    "hosts_dv_staff" BOOLEAN NOT NULL DEFAULT false,
    "used_by_ministers" BOOLEAN NOT NULL DEFAULT false,
    "socpa_designated" BOOLEAN NOT NULL DEFAULT false,
    "highest_classification" "Classification",
    "controls_extended" BOOLEAN NOT NULL DEFAULT false,
    "sensitive_since" DATE,
    "assessed_by" TEXT,
    "assessed_on" DATE,
    "archived_at" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "sites_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "site_sensitivity_history" (
    "id" SERIAL NOT NULL,
    "site_id" INTEGER NOT NULL,
    "sensitivity" "Sensitivity" NOT NULL,
    "holds_secret_material" BOOLEAN NOT NULL,
    "hosts_dv_staff" BOOLEAN NOT NULL,
    "used_by_ministers" BOOLEAN NOT NULL,
    "socpa_designated" BOOLEAN NOT NULL,
    "highest_classification" "Classification",
    "controls_extended" BOOLEAN NOT NULL,
    "effective_from" DATE NOT NULL,
    "assessed_by" TEXT,
    "assessed_on" DATE,
    "recorded_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "site_sensitivity_history_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "camera_systems" (
    "id" SERIAL NOT NULL,
    "site_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "camera_systems_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "devices" (
    "id" SERIAL NOT NULL,
    "organisation_id" INTEGER NOT NULL,
    "site_id" INTEGER NOT NULL,
    "system_id" INTEGER,
    "kind" "DeviceKind" NOT NULL,
    "brand" TEXT NOT NULL,
    "model" TEXT,
    "serial" TEXT,
    "asset_tag" TEXT,
    "mac" TEXT,
    "ip" TEXT,
    "installed_on" DATE,
    "network" "Network" NOT NULL DEFAULT 'UNKNOWN',
    "vendor_cloud" BOOLEAN,
    "lifecycle" "Lifecycle" NOT NULL DEFAULT 'IN_SERVICE',
    "decommissioned_on" DATE,
    "removed_on" DATE,
    "removal_evidence" TEXT,
    "notes" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "devices_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "exemptions" (
    "id" SERIAL NOT NULL,
    "device_id" INTEGER NOT NULL,
    "justification" TEXT NOT NULL,
    "approved_by" TEXT NOT NULL,
    "approved_on" DATE NOT NULL,
    "expires_on" DATE NOT NULL,
    "revoked_at" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "exemptions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "producers" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "legal_name" TEXT,
    "covered" BOOLEAN NOT NULL,
    "confidence" "Confidence" NOT NULL,
    "source" TEXT NOT NULL,
    "notes" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "producers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "brands" (
    "id" SERIAL NOT NULL,
    "producer_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "normalised" TEXT NOT NULL,
    "aliases" TEXT[],
    "confidence" "Confidence" NOT NULL,
    "valid_until" DATE,
    "source" TEXT NOT NULL,
    "notes" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "brands_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_prefixes" (
    "id" SERIAL NOT NULL,
    "producer_id" INTEGER NOT NULL,
    "prefix" TEXT NOT NULL,
    "brand" TEXT,
    "confidence" "Confidence",

    CONSTRAINT "model_prefixes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mac_prefixes" (
    "id" SERIAL NOT NULL,
    "producer_id" INTEGER NOT NULL,
    "prefix" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "source" TEXT NOT NULL,

    CONSTRAINT "mac_prefixes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "policy_settings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "cut_off" DATE NOT NULL,
    "removal_deadline" DATE NOT NULL,
    "reclassification_grace_days" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "updated_by" TEXT,

    CONSTRAINT "policy_settings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "evaluation_state" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "evaluated_on" DATE NOT NULL,
    "evaluated_at" TIMESTAMP(3) NOT NULL,
    "devices" INTEGER NOT NULL,
    "duration_ms" INTEGER NOT NULL,

    CONSTRAINT "evaluation_state_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "device_compliance" (
    "device_id" INTEGER NOT NULL,
    "organisation_id" INTEGER NOT NULL,
    "site_id" INTEGER NOT NULL,
    "status" "DeviceStatus" NOT NULL,
    "producer" "ProducerClass" NOT NULL,
    "producer_name" TEXT,
    "producer_note" TEXT,
    "rule_ids" TEXT[],
    "findings" JSONB NOT NULL,
    "in_service" BOOLEAN NOT NULL,
    "covered" BOOLEAN NOT NULL,
    "controlled_site" BOOLEAN NOT NULL,
    "sensitive_site" BOOLEAN NOT NULL,
    "core_network" BOOLEAN NOT NULL,
    "complete" BOOLEAN NOT NULL,
    "evaluated_on" DATE NOT NULL,

    CONSTRAINT "device_compliance_pkey" PRIMARY KEY ("device_id")
);

-- CreateTable
CREATE TABLE "site_compliance" (
    "site_id" INTEGER NOT NULL,
    "organisation_id" INTEGER NOT NULL,
    "status" "OrgStatus" NOT NULL,
    "devices" INTEGER NOT NULL,
    "breach" INTEGER NOT NULL,
    "action_due" INTEGER NOT NULL,
    "unverified" INTEGER NOT NULL,
    "advisory" INTEGER NOT NULL,
    "compliant" INTEGER NOT NULL,
    "removed" INTEGER NOT NULL,
    "by_rule" JSONB NOT NULL,
    "in_service" INTEGER NOT NULL,
    "in_service_complete" INTEGER NOT NULL,
    "covered_in_service" INTEGER NOT NULL,
    "covered_remaining" INTEGER NOT NULL,
    "covered_removed" INTEGER NOT NULL,
    "covered_core" INTEGER NOT NULL,
    "evaluated_on" DATE NOT NULL,
    "evaluated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "site_compliance_pkey" PRIMARY KEY ("site_id")
);

-- CreateTable
CREATE TABLE "org_compliance" (
    "organisation_id" INTEGER NOT NULL,
    "status" "OrgStatus" NOT NULL,
    "sites" INTEGER NOT NULL,
    "sensitive_sites" INTEGER NOT NULL,
    "devices" INTEGER NOT NULL,
    "breach" INTEGER NOT NULL,
    "action_due" INTEGER NOT NULL,
    "unverified" INTEGER NOT NULL,
    "advisory" INTEGER NOT NULL,
    "compliant" INTEGER NOT NULL,
    "removed" INTEGER NOT NULL,
    "by_rule" JSONB NOT NULL,
    "in_service" INTEGER NOT NULL,
    "in_service_complete" INTEGER NOT NULL,
    "covered_in_service" INTEGER NOT NULL,
    "covered_remaining" INTEGER NOT NULL,
    "covered_removed" INTEGER NOT NULL,
    "covered_sensitive" INTEGER NOT NULL,
    "covered_core" INTEGER NOT NULL,
    "last_change_at" TIMESTAMP(3),
    "evaluated_on" DATE NOT NULL,
    "evaluated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "org_compliance_pkey" PRIMARY KEY ("organisation_id")
);

-- CreateTable
CREATE TABLE "org_snapshots" (
    "id" SERIAL NOT NULL,
    "organisation_id" INTEGER NOT NULL,
    "date" DATE NOT NULL,
    "status" "OrgStatus" NOT NULL,
    "sites" INTEGER NOT NULL,
    "sensitive_sites" INTEGER NOT NULL,
    "devices" INTEGER NOT NULL,
    "breach" INTEGER NOT NULL,
    "action_due" INTEGER NOT NULL,
    "unverified" INTEGER NOT NULL,
    "advisory" INTEGER NOT NULL,
    "compliant" INTEGER NOT NULL,
    "removed" INTEGER NOT NULL,
    "by_rule" JSONB NOT NULL,
    "in_service" INTEGER NOT NULL,
    "in_service_complete" INTEGER NOT NULL,
    "covered_in_service" INTEGER NOT NULL,
    "covered_remaining" INTEGER NOT NULL,
    "covered_removed" INTEGER NOT NULL,
    "covered_sensitive" INTEGER NOT NULL,
    "covered_core" INTEGER NOT NULL,

    CONSTRAINT "org_snapshots_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "organisation_id" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "failed_attempts" INTEGER NOT NULL DEFAULT 0,
    "locked_until" TIMESTAMP(3),
    "last_sign_in_at" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" INTEGER,
    "actor_email" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "organisation_id" INTEGER,
    "summary" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "generated_reports" (
    "id" SERIAL NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "user_id" INTEGER NOT NULL,
    "user_email" TEXT NOT NULL,
    "format" "ReportFormat" NOT NULL,
    "scope" TEXT NOT NULL,
    "organisation_id" INTEGER,
    "as_of" DATE NOT NULL,
    "sha256" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,

    CONSTRAINT "generated_reports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "import_batches" (
    "id" TEXT NOT NULL,
    "organisation_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "filename" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "row_count" INTEGER NOT NULL,
    "summary" JSONB NOT NULL,
    "applied_at" TIMESTAMP(3),

    CONSTRAINT "import_batches_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "organisations_name_key" ON "organisations"("name");

-- CreateIndex
CREATE UNIQUE INDEX "organisations_acronym_key" ON "organisations"("acronym");

-- CreateIndex
CREATE UNIQUE INDEX "organisations_slug_key" ON "organisations"("slug");

-- CreateIndex
CREATE INDEX "organisations_parent_id_idx" ON "organisations"("parent_id");

-- CreateIndex
CREATE UNIQUE INDEX "sites_epims_id_key" ON "sites"("epims_id");

-- CreateIndex
CREATE INDEX "sites_organisation_id_sensitivity_idx" ON "sites"("organisation_id", "sensitivity");

-- CreateIndex
CREATE INDEX "sites_postcode_idx" ON "sites"("postcode");

-- CreateIndex
CREATE UNIQUE INDEX "sites_organisation_id_site_code_key" ON "sites"("organisation_id", "site_code");

-- CreateIndex
CREATE INDEX "site_sensitivity_history_site_id_effective_from_idx" ON "site_sensitivity_history"("site_id", "effective_from");

-- CreateIndex
CREATE UNIQUE INDEX "camera_systems_site_id_name_key" ON "camera_systems"("site_id", "name");

-- CreateIndex
CREATE INDEX "devices_site_id_idx" ON "devices"("site_id");

-- CreateIndex
CREATE INDEX "devices_organisation_id_lifecycle_idx" ON "devices"("organisation_id", "lifecycle");

-- CreateIndex
CREATE INDEX "devices_system_id_idx" ON "devices"("system_id");

-- CreateIndex
CREATE INDEX "exemptions_device_id_idx" ON "exemptions"("device_id");

-- CreateIndex
CREATE UNIQUE INDEX "producers_slug_key" ON "producers"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "producers_name_key" ON "producers"("name");

-- CreateIndex
CREATE UNIQUE INDEX "brands_normalised_key" ON "brands"("normalised");

-- CreateIndex
CREATE INDEX "brands_producer_id_idx" ON "brands"("producer_id");

-- CreateIndex
CREATE UNIQUE INDEX "model_prefixes_prefix_key" ON "model_prefixes"("prefix");

-- CreateIndex
CREATE UNIQUE INDEX "mac_prefixes_prefix_key" ON "mac_prefixes"("prefix");

-- CreateIndex
CREATE INDEX "device_compliance_organisation_id_status_idx" ON "device_compliance"("organisation_id", "status");

-- CreateIndex
CREATE INDEX "device_compliance_site_id_status_idx" ON "device_compliance"("site_id", "status");

-- CreateIndex
CREATE INDEX "site_compliance_organisation_id_status_idx" ON "site_compliance"("organisation_id", "status");

-- CreateIndex
CREATE INDEX "org_snapshots_date_idx" ON "org_snapshots"("date");

-- CreateIndex
CREATE UNIQUE INDEX "org_snapshots_organisation_id_date_key" ON "org_snapshots"("organisation_id", "date");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "audit_events_entity_type_entity_id_idx" ON "audit_events"("entity_type", "entity_id");

-- CreateIndex
CREATE INDEX "audit_events_organisation_id_at_idx" ON "audit_events"("organisation_id", "at");

-- CreateIndex
CREATE INDEX "audit_events_at_idx" ON "audit_events"("at");

-- CreateIndex
CREATE INDEX "generated_reports_created_at_idx" ON "generated_reports"("created_at");

-- AddForeignKey
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "organisations"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sites" ADD CONSTRAINT "sites_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "site_sensitivity_history" ADD CONSTRAINT "site_sensitivity_history_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "camera_systems" ADD CONSTRAINT "camera_systems_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "devices" ADD CONSTRAINT "devices_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "devices" ADD CONSTRAINT "devices_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "devices" ADD CONSTRAINT "devices_system_id_fkey" FOREIGN KEY ("system_id") REFERENCES "camera_systems"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exemptions" ADD CONSTRAINT "exemptions_device_id_fkey" FOREIGN KEY ("device_id") REFERENCES "devices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "brands" ADD CONSTRAINT "brands_producer_id_fkey" FOREIGN KEY ("producer_id") REFERENCES "producers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_prefixes" ADD CONSTRAINT "model_prefixes_producer_id_fkey" FOREIGN KEY ("producer_id") REFERENCES "producers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mac_prefixes" ADD CONSTRAINT "mac_prefixes_producer_id_fkey" FOREIGN KEY ("producer_id") REFERENCES "producers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "device_compliance" ADD CONSTRAINT "device_compliance_device_id_fkey" FOREIGN KEY ("device_id") REFERENCES "devices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "site_compliance" ADD CONSTRAINT "site_compliance_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "org_compliance" ADD CONSTRAINT "org_compliance_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "org_snapshots" ADD CONSTRAINT "org_snapshots_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ---- Written by hand: what Prisma's schema language cannot say -------------------------

-- Natural keys of a device within its organisation, used by bulk import: asset tag, else serial,
-- else MAC. Each is unique among the organisation's devices when present.
CREATE UNIQUE INDEX "devices_org_asset_tag_key" ON "devices" ("organisation_id", "asset_tag") WHERE "asset_tag" IS NOT NULL;
CREATE UNIQUE INDEX "devices_org_serial_key" ON "devices" ("organisation_id", "serial") WHERE "serial" IS NOT NULL;
CREATE INDEX "devices_org_mac_idx" ON "devices" ("organisation_id", "mac") WHERE "mac" IS NOT NULL;

-- Dashboards count breaches by rule over the stored results.
CREATE INDEX "device_compliance_rule_ids_idx" ON "device_compliance" USING GIN ("rule_ids");

-- The audit trail is append-only, and the database itself enforces it.
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_events_no_update_delete
  BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

CREATE TRIGGER audit_events_no_truncate
  BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
