-- Network discovery: uploaded scans and camera lists, the hosts they found reconciled against the
-- register, each organisation's last VMS column mapping, when a device was last seen, and the
-- policy's 'not seen for N days'.

-- CreateEnum
CREATE TYPE "DiscoverySource" AS ENUM ('NMAP', 'VMS');

-- CreateEnum
CREATE TYPE "DiscoveryMatch" AS ENUM ('MAC', 'SERIAL', 'IP');

-- CreateEnum
CREATE TYPE "DiscoveryAction" AS ENUM ('ADDED', 'DISMISSED');

-- CreateEnum
CREATE TYPE "DiscoveryScanState" AS ENUM ('AWAITING_COLUMNS', 'REFUSED', 'RECONCILED');

-- AlterTable
ALTER TABLE "devices" ADD COLUMN     "last_seen_at" TIMESTAMPTZ(3),
ADD COLUMN     "last_seen_scan_id" INTEGER;

-- AlterTable
ALTER TABLE "policy_settings" ADD COLUMN     "not_seen_days" INTEGER NOT NULL DEFAULT 30;

-- CreateTable
CREATE TABLE "discovery_scans" (
    "id" SERIAL NOT NULL,
    "organisation_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "source" "DiscoverySource" NOT NULL,
    "filename" TEXT NOT NULL,
    "command" TEXT,
    "scanned_at" TIMESTAMPTZ(3) NOT NULL,
    "uploaded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "host_count" INTEGER NOT NULL,
    "site_ids" INTEGER[],
    "state" "DiscoveryScanState" NOT NULL,
    "ranges" TEXT[],
    "headers" TEXT[],
    "pending_upload" BYTEA,
    "problems" JSONB,
    "problem_count" INTEGER NOT NULL DEFAULT 0,
    "discarded" TEXT[],

    CONSTRAINT "discovery_scans_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "discovered_hosts" (
    "id" SERIAL NOT NULL,
    "scan_id" INTEGER NOT NULL,
    "organisation_id" INTEGER NOT NULL,
    "site_id" INTEGER NOT NULL,
    "current" BOOLEAN NOT NULL DEFAULT true,
    "line" INTEGER NOT NULL,
    "ipv4" TEXT,
    "ipv6" TEXT,
    "mac" TEXT,
    "mac_vendor" TEXT,
    "hostnames" TEXT[],
    "name" TEXT,
    "manufacturer" TEXT,
    "model" TEXT,
    "serial" TEXT,
    "firmware" TEXT,
    "services" JSONB NOT NULL,
    "os_guess" TEXT,
    "device_id" INTEGER,
    "matched_by" "DiscoveryMatch",
    "differences" TEXT[],
    "probable_producer" TEXT,
    "reasons" TEXT[],
    "action" "DiscoveryAction",
    "action_reason" TEXT,
    "acted_by_id" INTEGER,
    "acted_at" TIMESTAMPTZ(3),

    CONSTRAINT "discovered_hosts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "discovery_mappings" (
    "organisation_id" INTEGER NOT NULL,
    "product" TEXT,
    "mapping" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "discovery_mappings_pkey" PRIMARY KEY ("organisation_id")
);

-- CreateIndex
CREATE INDEX "discovery_scans_organisation_id_scanned_at_idx" ON "discovery_scans"("organisation_id", "scanned_at");

-- CreateIndex
CREATE INDEX "discovered_hosts_scan_id_idx" ON "discovered_hosts"("scan_id");

-- CreateIndex
CREATE INDEX "discovered_hosts_site_id_current_idx" ON "discovered_hosts"("site_id", "current");

-- CreateIndex
CREATE INDEX "discovered_hosts_device_id_idx" ON "discovered_hosts"("device_id");

-- CreateIndex
CREATE INDEX "devices_site_id_ip_idx" ON "devices"("site_id", "ip");

-- AddForeignKey
ALTER TABLE "discovery_scans" ADD CONSTRAINT "discovery_scans_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "discovered_hosts" ADD CONSTRAINT "discovered_hosts_scan_id_fkey" FOREIGN KEY ("scan_id") REFERENCES "discovery_scans"("id") ON DELETE CASCADE ON UPDATE CASCADE;

