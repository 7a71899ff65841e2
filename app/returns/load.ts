import "server-only";
import { forbidden, notFound } from "next/navigation";
import { AppError } from "@/lib/auth/errors";

/** The data layer's refusals as the pages show them: not found (404) and no permission (403). */
export async function orRefusal<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof AppError) {
      if (error.code === "NOT_FOUND") notFound();
      if (error.code === "FORBIDDEN") forbidden();
    }
    throw error;
  }
}

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
