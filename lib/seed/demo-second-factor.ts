// The demo administrator's authenticator app. Administrators must use one, so the demo data gives
// the demo administrator a fixed key that anyone trying the service can add to their own app (or
// compute codes from, as the end-to-end tests do). It is published in the README and so protects
// nothing: a real deployment's administrators each set up their own app, and the demo data is
// never loaded into a database with real accounts.
import type { PrismaClient } from "@/generated/prisma/client";
import { deriveKey, sealTotpSecret } from "@/lib/auth/second-factor-crypto";

export const DEMO_ADMIN_EMAIL = "admin@register.example.gov.uk";

/** DEMO ONLY: the base32 key of the demo administrator's authenticator app (160 bits, as any app reads). */
export const DEMO_ADMIN_TOTP_KEY = "DEMODEMODEMODEMODEMODEMODEMODEMO";

/**
 * Gives the seeded demo administrator the demo key, sealed with `authSecret` (the secret the
 * server will run with: a key sealed with another one does not open).
 */
export async function seedDemoSecondFactor(db: PrismaClient, authSecret: string): Promise<void> {
  const admin = await db.user.findUnique({ where: { email: DEMO_ADMIN_EMAIL }, select: { id: true } });
  if (!admin) return;
  await db.user.update({
    where: { id: admin.id },
    data: { totpSecret: sealTotpSecret(deriveKey(authSecret, "totp-seal"), admin.id, DEMO_ADMIN_TOTP_KEY), totpEnabledAt: new Date(), totpLastStep: null },
    select: { id: true },
  });
}
