-- The longest a local exemption may run, from its approval to its expiry: 3 years unless an
-- administrator changes it.
ALTER TABLE "policy_settings" ADD COLUMN "max_exemption_months" INTEGER NOT NULL DEFAULT 36;
