import { inject } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { loadActor } from "@/lib/data/users";

export function databaseUrl(): string {
  return inject("databaseUrl");
}

/** The same client the app uses, pointed at the test database by setup-env.ts. */
export function testDb(): PrismaClient {
  return db();
}

export async function actorFor(email: string): Promise<Actor> {
  const user = await db().user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  const actor = await loadActor(user.id);
  if (!actor) throw new Error(`no active actor for ${email}`);
  return actor;
}
