import type { Metadata } from "next";
import { Heading, Table } from "@/components/govuk";
import { openApiDocument } from "@/lib/api/openapi/document";
import type { Permission } from "@/lib/auth/permissions";
import { fieldsOf, typeWords } from "./describe-schema";

// The API's reference for developers, made from the OpenAPI document itself, so it cannot drift
// from what the service accepts. Public, as the document is: it describes the API, not any data.

export const metadata: Metadata = { title: "API reference for developers" };

const PERMISSION_WORDS: Partial<Record<Permission, string>> = {
  "register:read": "can see the register (sites and devices)",
  "register:write": "can change the register",
  "dashboard:read": "can see the compliance dashboard",
};

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: unknown };
type Operation = {
  operationId: string; summary?: string; description?: string; tags?: string[];
  "x-access": "read" | "write"; "x-permissions": Permission[];
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses: Record<string, { description: string; content?: Record<string, { schema?: unknown }> }>;
};

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

export default function ApiReferencePage() {
  const document = openApiDocument();
  const components = (document.components?.schemas ?? {}) as Record<string, unknown>;
  const operations = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ path, method, operation: item[method] as unknown as Operation })),
  );
  const tags = (document.tags ?? []).map((tag) => ({ ...tag, operations: operations.filter((o) => o.operation.tags?.includes(tag.name)) }));

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <Heading level={1} size="l">API reference for developers</Heading>
        <p className="govuk-body-l">
          Your department&apos;s own systems can read the register and keep sites, camera systems and devices up to date through
          its API, instead of anyone typing them in again.
        </p>
        <h2 className="govuk-heading-m" id="getting-started">Getting started</h2>
        <ol className="govuk-list govuk-list--number">
          <li>
            Sign in, open your account and choose API tokens. Create a token with a name, an expiry (at most a year) and its
            access: read only, or read and change. For a system rather than a person, ask an administrator for a service account.
          </li>
          <li>Copy the token when it is shown: it is shown once only.</li>
          <li>Send it with every request, in the header <code>Authorization: Bearer</code> followed by the token.</li>
        </ol>
        <pre className="govuk-body govuk-!-font-size-16" tabIndex={0} aria-label="Example request">
          <code>{'curl -sS "https://your-register.example.gov.uk/api/v1/organisations" \\\n  -H "Authorization: Bearer $TOKEN"'}</code>
        </pre>
        <p className="govuk-body">
          Lists come a page at a time: pass the <code>nextCursor</code> of one page as <code>cursor</code> for the next. To
          change a record, send the <code>ETag</code> you read in an <code>If-Match</code> header; if the record has changed
          meanwhile the answer is 412 and nothing is saved. Errors are problem details naming each field at fault.
        </p>
        <p className="govuk-body">
          The same reference for programs: <a className="govuk-link" href="/api/v1/openapi.json">the OpenAPI 3.1 document</a>.
        </p>

        <h2 className="govuk-heading-m" id="contents">Contents</h2>
        <ul className="govuk-list">
          {tags.map((tag) => (
            <li key={tag.name}>
              <a className="govuk-link" href={`#${slug(tag.name)}`}>{tag.name}</a>
              <ul className="govuk-list govuk-!-margin-left-4">
                {tag.operations.map(({ operation }) => (
                  <li key={operation.operationId}>
                    <a className="govuk-link" href={`#${operation.operationId}`}>{operation.summary}</a>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>

        {tags.map((tag) => (
          <section key={tag.name} aria-labelledby={slug(tag.name)}>
            <h2 className="govuk-heading-l" id={slug(tag.name)}>{tag.name}</h2>
            <p className="govuk-body">{tag.description}</p>
            {tag.operations.map(({ path, method, operation }) => (
              <OperationSection key={operation.operationId} path={path} method={method} operation={operation} components={components} />
            ))}
          </section>
        ))}
      </div>
    </div>
  );
}

function OperationSection({ path, method, operation, components }: { path: string; method: string; operation: Operation; components: Record<string, unknown> }) {
  const permissions = operation["x-permissions"].map((p) => PERMISSION_WORDS[p] ?? p);
  const body = operation.requestBody?.content?.["application/json"]?.schema;
  const parameters = (operation.parameters ?? []).filter((p) => p.in !== "header" || p.name === "If-Match");
  return (
    <div className="govuk-!-margin-bottom-8">
      <h3 className="govuk-heading-m" id={operation.operationId}>{operation.summary}</h3>
      <p className="govuk-body"><code className="govuk-!-font-weight-bold">{method.toUpperCase()} {path}</code></p>
      {operation.description ? <p className="govuk-body">{operation.description}</p> : null}
      <p className="govuk-body">
        Needs a token that can {operation["x-access"] === "write" ? "read and change" : "read"}, whose owner {permissions.join(", or ")}.
      </p>
      {parameters.length > 0 ? (
        <Table
          caption={`Parameters: ${operation.summary}`}
          captionSize="s"
          head={[{ text: "Name" }, { text: "Where" }, { text: "Type" }, { text: "Required" }, { text: "Description" }]}
          rows={parameters.map((p) => [<code key="n">{p.name}</code>, p.in, typeWords(p.schema, components), p.required ? "Yes" : "No", p.description ?? ""])}
        />
      ) : null}
      {body ? (
        <Table
          caption={`Request body fields: ${operation.summary}`}
          captionSize="s"
          head={[{ text: "Field" }, { text: "Type" }, { text: "Required" }, { text: "Description" }]}
          rows={fieldsOf(body, components).map((f) => [<code key="n">{f.name}</code>, f.type, f.required ? "Yes" : "No", f.description])}
        />
      ) : null}
      <Table
        caption={`Responses: ${operation.summary}`}
        captionSize="s"
        head={[{ text: "Status" }, { text: "Meaning" }, { text: "Body" }]}
        rows={Object.entries(operation.responses).map(([status, response]) => {
          const [type, content] = Object.entries(response.content ?? {})[0] ?? [];
          return [status, response.description, content ? `${typeWords(content.schema, components)} (${type})` : "None"];
        })}
      />
    </div>
  );
}
