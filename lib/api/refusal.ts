import type { FieldProblem } from "@/lib/api/problem";

/** Thrown by API code to answer with a problem at once (a precondition, a bad query or cursor). */
export class ApiRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers?: HeadersInit,
    readonly errors?: FieldProblem[],
  ) {
    super(message);
    this.name = "ApiRefusal";
  }
}
