"use client";

import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import {
  Button,
  ButtonGroup,
  DateInput,
  ErrorSummary,
  Heading,
  Panel,
  Radios,
  TextInput,
  WarningText,
  dateInputErrorTarget,
} from "@/components/govuk";
import { formatIsoDate } from "@/components/admin/format";
import { useAdminForm, type Refusal } from "@/components/admin/use-admin-form";
import type { FormState } from "@/lib/auth/action";
import { dateFieldValues } from "@/lib/validation/date-parts";
import { addDays, API_ACCESS_LABELS, TOKEN_NAME_MAX, type ApiAccessValue } from "@/lib/validation/api-token";

/** The token just made: shown on this page once, never stored and never shown again. */
export interface ShownToken {
  name: string;
  token: string;
  access: ApiAccessValue;
  expiresOn: string;
}

export type TokenFormResult = Refusal & { created?: ShownToken };
export type TokenFormAction = (prev: FormState<TokenFormResult>, formData: FormData) => Promise<FormState<TokenFormResult>>;

const FIELDS = ["name", "access", "expiresOn"] as const;

/** How long a new token lasts unless its maker chooses otherwise. */
const DEFAULT_DAYS = 90;

const noSubscription = () => () => {};
const clipboardAvailable = () => typeof navigator !== "undefined" && Boolean(navigator.clipboard);

function CopyButton({ text }: { text: string }) {
  const canCopy = useSyncExternalStore(noSubscription, clipboardAvailable, () => false);
  const [copied, setCopied] = useState(false);
  // Without JavaScript (or a clipboard) there is nothing to press: the token is selected and copied by hand.
  if (!canCopy) return null;
  return (
    <>
      <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-2" data-module="govuk-button" onClick={() => void navigator.clipboard.writeText(text).then(() => setCopied(true))}>
        Copy token
      </button>
      <p className="govuk-body" role="status">{copied ? "Token copied." : ""}</p>
    </>
  );
}

function Created({ created, owner, doneHref, doneText }: { created: ShownToken; owner: string; doneHref: string; doneText: string }) {
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    document.title = document.title.replace(/^(Error: )?[^–]*–/, "API token created –");
    // The form the person was in has gone: start them (and their screen reader) at the new page's top.
    panel.current?.focus();
  }, []);
  return (
    <>
      <div ref={panel} tabIndex={-1} className="outline-none">
        <Panel title="API token created">{created.name}</Panel>
      </div>
      <Heading level={2} size="m">Copy the token now</Heading>
      <WarningText>You will not see this token again. Copy it now and keep it somewhere safe, such as a password manager or your system’s secret store.</WarningText>
      <p className="govuk-body govuk-!-margin-bottom-2">The token for {owner}:</p>
      <pre className="govuk-body govuk-!-padding-3 govuk-!-margin-bottom-4 font-mono break-all whitespace-pre-wrap border-2 border-govuk-border bg-govuk-light-grey">
        <code id="api-token">{created.token}</code>
      </pre>
      <CopyButton text={created.token} />
      <p className="govuk-body">
        It can {created.access === "READ" ? "only read the register" : "read and change the register"} ({API_ACCESS_LABELS[created.access].toLowerCase()}), and works until the end of {formatIsoDate(created.expiresOn)}.
      </p>
      <Heading level={2} size="m">How to use it</Heading>
      <p className="govuk-body">Send the token with every request to the API, in the Authorization header:</p>
      <pre className="govuk-body govuk-!-padding-3 font-mono break-all whitespace-pre-wrap bg-govuk-light-grey">Authorization: Bearer {created.token.slice(0, 10)}…</pre>
      <p className="govuk-body">
        The <a href="/developers/api" className="govuk-link">API reference</a> explains each request. If the token is lost or may have been seen by someone else, revoke it and create a new one.
      </p>
      <p className="govuk-body">
        <a href={doneHref} className="govuk-link">{doneText}</a>
      </p>
    </>
  );
}

export interface ApiTokenFormProps {
  action: TokenFormAction;
  heading: string;
  caption?: string;
  /** Whose token it is, as the confirmation names them ("you", "the service account CAFM export"). */
  owner: string;
  /** Whether "Read and change" may be offered: only to an owner who may change the register. */
  allowWrite: boolean;
  /** Today in London, from the server, so the default expiry and the hint agree with the check. */
  today: string;
  cancelHref: string;
  doneHref: string;
  doneText: string;
}

/** Name, access and expiry of a new token; once made, the token itself, shown this once. */
export function ApiTokenForm({ action, heading, caption, owner, allowWrite, today, cancelHref, doneHref, doneText }: ApiTokenFormProps) {
  const form = useAdminForm(action, FIELDS);
  const created = (form.state.result as TokenFormResult | undefined)?.created;
  if (created) return <Created created={created} owner={owner} doneHref={doneHref} doneText={doneText} />;
  const expiresOn = dateFieldValues(form.state.values, "expiresOn", addDays(today, DEFAULT_DAYS));
  const summary = form.summary.map((item) => (item.href === "#expiresOn" ? { ...item, href: `#${dateInputErrorTarget("expiresOn", expiresOn)}` } : item));
  return (
    <>
      <ErrorSummary errors={summary} />
      <Heading level={1} size="l" caption={caption}>{heading}</Heading>
      <form action={form.dispatch} noValidate aria-busy={form.pending}>
        <div key={form.submission}>
          <TextInput
            id="name"
            name="name"
            label="Token name"
            hint="Name it after the system that will use it, so that you can tell tokens apart. For example, Facilities management system."
            autoComplete="off"
            spellCheck={false}
            inputProps={{ maxLength: TOKEN_NAME_MAX * 2 }}
            defaultValue={form.value("name", "")}
            error={form.errors.name}
          />
          {allowWrite ? (
            <Radios
              name="access"
              idPrefix="access"
              legend="What may the token do?"
              legendSize="m"
              items={[
                { value: "READ", text: API_ACCESS_LABELS.READ, hint: "See organisations, sites, camera systems and devices." },
                { value: "READ_WRITE", text: API_ACCESS_LABELS.READ_WRITE, hint: "Also add and change sites, camera systems and devices, as you can on this service." },
              ]}
              defaultValue={form.value("access", "")}
              error={form.errors.access}
            />
          ) : (
            <div className={form.errors.access ? "govuk-form-group govuk-form-group--error" : "govuk-form-group"}>
              <input type="hidden" name="access" value="READ" />
              <Heading level={2} size="m">What the token may do</Heading>
              {form.errors.access ? (
                <p className="govuk-error-message" id="access-error"><span className="govuk-visually-hidden">Error:</span> {form.errors.access}</p>
              ) : null}
              <p className="govuk-body" id="access" tabIndex={-1}>
                <strong>{API_ACCESS_LABELS.READ}.</strong> {owner === "you" ? "You" : "This account"} can only read the register, so {owner === "you" ? "your" : "its"} tokens can only read.
              </p>
            </div>
          )}
          <DateInput
            id="expiresOn"
            name="expiresOn"
            legend="When should the token stop working?"
            legendSize="m"
            hint={`It works until the end of that day. The latest you can choose is a year from today. We have suggested ${DEFAULT_DAYS} days from today.`}
            error={form.errors.expiresOn}
            values={expiresOn}
          />
        </div>
        <ButtonGroup>
          <Button>{form.pending ? "Creating token…" : "Create token"}</Button>
          <a href={cancelHref} className="govuk-link">Cancel</a>
        </ButtonGroup>
      </form>
    </>
  );
}
