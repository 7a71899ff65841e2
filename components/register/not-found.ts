import "server-only";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/auth/errors";

/** A route parameter that is not a record id answers 404, as an unknown id does. */
export function idParam(raw: string): number {
  const n = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1) notFound();
  return n;
}

/** The data layer's NOT_FOUND (missing or out of scope) becomes the 404 page. */
export async function orNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}
