// Errors as RFC 9457 problem details (application/problem+json). Every refusal the API gives goes
// through here, so each has a status, a short title, a sentence saying what to do, and, for invalid
// input, one entry per field with a JSON pointer to it.
import type { FieldErrors } from "@/lib/validation/field-errors";

export const PROBLEM_TYPE = "application/problem+json";

export type FieldProblem =
  /** A JSON pointer into the request body, such as "#/name" or "#/devices/12/macAddress". */
  | { pointer: string; detail: string }
  /** A query parameter, such as "limit". */
  | { parameter: string; detail: string };

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldProblem[];
}

const TITLES: Record<number, string> = {
  400: "Bad request",
  401: "Unauthorised",
  403: "Forbidden",
  404: "Not found",
  405: "Method not allowed",
  409: "Conflict",
  412: "Precondition failed",
  413: "Content too large",
  415: "Unsupported media type",
  422: "Unprocessable content",
  428: "Precondition required",
  429: "Too many requests",
  500: "Internal server error",
  503: "Service unavailable",
};

export function problemBody(status: number, detail: string, errors?: FieldProblem[]): Problem {
  return {
    // No documentation page per problem type: "about:blank" says the status's title is the meaning.
    type: "about:blank",
    title: TITLES[status] ?? "Error",
    status,
    detail,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

export function problem(status: number, detail: string, options: { errors?: FieldProblem[]; headers?: HeadersInit } = {}): Response {
  const headers = new Headers(options.headers);
  headers.set("Content-Type", PROBLEM_TYPE);
  headers.set("Cache-Control", "no-store");
  return new Response(JSON.stringify(problemBody(status, detail, options.errors)), { status, headers });
}

/** "organisationId" → "#/organisationId"; "rows.3.name" → "#/rows/3/name"; "form" → "#" (the whole body). */
export function pointerOf(field: string, prefix = ""): string {
  if (field === "form" || field === "") return prefix === "" ? "#" : `#${prefix}`;
  const path = field.split(".").map((part) => part.replace(/~/g, "~0").replace(/\//g, "~1"));
  return `#${prefix}/${path.join("/")}`;
}

/** A form's field errors as the API names them. */
export function fieldProblems(fieldErrors: FieldErrors, prefix = ""): FieldProblem[] {
  return Object.entries(fieldErrors).map(([field, detail]) => ({ pointer: pointerOf(field, prefix), detail }));
}

export function invalid(fieldErrors: FieldErrors, prefix = ""): Response {
  const problems = fieldProblems(fieldErrors, prefix);
  const count = problems.length;
  return problem(422, count === 1 ? "The request has 1 problem: see errors." : `The request has ${count} problems: see errors.`, { errors: problems });
}
