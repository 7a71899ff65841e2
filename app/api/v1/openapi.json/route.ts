import { openApiDocument } from "@/lib/api/openapi/document";

// The API's description is public (it names no data), so programs and people can read it without a token.
export function GET(): Response {
  return Response.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}
