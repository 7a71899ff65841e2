-- The producer register cited an internal file ("DOMAIN.md §4") as the source of its seeded
-- entries. Sources now cite public documents: a title anyone can look up, and its web address.
ALTER TABLE "producers" ADD COLUMN "source_url" TEXT;
ALTER TABLE "brands" ADD COLUMN "source_url" TEXT;

-- Only entries still citing the internal file change: an administrator's own sources are kept.
-- The version moves on, so a form opened before the change cannot save over it.
UPDATE "producers"
SET "source" = 'Federal Communications Commission: List of Equipment and Services Covered By Section 2 of The Secure Networks Act (the Covered List)',
    "source_url" = 'https://www.fcc.gov/supplychain/coveredlist',
    "version" = "version" + 1
WHERE "source" LIKE 'DOMAIN.md%' AND "slug" IN ('hikvision', 'dahua', 'hytera', 'huawei');

UPDATE "producers"
SET "source" = 'Written Ministerial Statement HCWS386, Security of Government Sites, 24 November 2022',
    "source_url" = 'https://questions-statements.parliament.uk/written-statements/detail/2022-11-24/hcws386',
    "version" = "version" + 1
WHERE "source" LIKE 'DOMAIN.md%';

-- Seeded brands cite their producer's source.
UPDATE "brands" AS b
SET "source" = p."source", "source_url" = p."source_url", "version" = b."version" + 1
FROM "producers" AS p
WHERE b."producer_id" = p."id" AND b."source" LIKE 'DOMAIN.md%';
