import "server-only";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/auth/errors";

/** Pages turn the data layer's NOT_FOUND into the 404 page. */
export async function orNotFound<T>(work: Promise<T> | (() => T | Promise<T>)): Promise<T> {
  try {
    // Awaited inside the try, so a rejected promise from either form is caught too.
    return await (typeof work === "function" ? work() : work);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

/** A positive whole-number id from the URL, or the 404 page. */
export function idFrom(raw: string): number {
  if (!/^\d{1,9}$/.test(raw)) notFound();
  return Number(raw);
}
