// The API contract check for end-to-end tests: a response from the running server is held to the
// OpenAPI document that server serves at /api/v1/openapi.json (the same check callRoute makes
// in-process; see tests/support/openapi-contract.ts).
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { contractChecker, type ContractChecker, type OpenApiDocumentLike } from "../../support/openapi-contract";

const checkers = new WeakMap<APIRequestContext, Promise<ContractChecker>>();

async function checkerFor(request: APIRequestContext): Promise<ContractChecker> {
  let checker = checkers.get(request);
  if (!checker) {
    checker = (async () => {
      const response = await request.get("/api/v1/openapi.json");
      if (response.status() !== 200) throw new Error(`/api/v1/openapi.json answered ${response.status()}`);
      return contractChecker((await response.json()) as OpenApiDocumentLike);
    })();
    checkers.set(request, checker);
  }
  return checker;
}

/**
 * Throws when `response` is not one the document allows for its request (method and path taken
 * from the response's URL unless given); returns the parsed body otherwise.
 */
export async function expectApiContract(request: APIRequestContext, response: APIResponse, method = "GET"): Promise<unknown> {
  const checker = await checkerFor(request);
  const url = new URL(response.url());
  return checker.check({
    method,
    path: `${url.pathname}${url.search}`,
    status: response.status(),
    headers: new Headers(response.headersArray().map(({ name, value }) => [name, value] as [string, string])),
    body: await response.text(),
  });
}
