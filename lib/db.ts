import "server-only";
import { PrismaClient } from "@/generated/prisma/client";
import { createPrismaClient } from "@/lib/db-client";

// Created on first use, so `next build` needs no database.
const globalForDb = globalThis as unknown as { prisma?: PrismaClient };

export function db(): PrismaClient {
  globalForDb.prisma ??= createPrismaClient();
  return globalForDb.prisma;
}

