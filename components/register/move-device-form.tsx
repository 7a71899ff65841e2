"use client";

import { useActionState, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { Button, ButtonGroup, DateInput, Pagination, Radios, TextInput, dateInputErrorTarget, type PaginationItem } from "@/components/govuk";
import { dateFieldValues } from "@/lib/validation/date-parts";
import type { MoveTarget, MoveTargetPage } from "@/lib/types/move-target";
import { FormErrorSummary, errorsOf, initialRegisterFormState, valueOf, type RegisterFormState } from "@/components/register/form-support";

// Choosing the site a device moves to among many (an organisation may have hundreds), the design
// system's way: without JavaScript, a search box (a GET form) narrows a paged list of radios; with
// it, the list becomes GOV.UK's accessible autocomplete, which asks the server for matching sites
// as the user types. Either way the form posts the chosen site's id, and the server checks it is
// an active site in the user's organisations before moving anything.

type Action = (state: RegisterFormState, formData: FormData) => Promise<RegisterFormState>;

const noSubscription = () => () => {};

interface Chosen {
  id: number;
  label: string;
}

export interface MoveDeviceFormProps {
  action: Action;
  version: number;
  cancelHref: string;
  today: string;
  /** The page itself, where the search box sends its query. */
  searchPath: string;
  /** Where the autocomplete asks for sites (answers { sites: MoveTarget[] }). */
  sourceUrl: string;
  query: string;
  found: MoveTargetPage;
  pagination: { previousHref?: string; nextHref?: string; pages: PaginationItem[] };
}

export function MoveDeviceForm({ action, version, cancelHref, today, searchPath, sourceUrl, query, found, pagination }: MoveDeviceFormProps) {
  const [state, formAction, pending] = useActionState(action, initialRegisterFormState);
  const errors = errorsOf(state);
  const movedOn = dateFieldValues(state.values, "movedOn", today);
  // False on the server and while hydrating, so the server's markup (the search and the radios)
  // is what a browser without JavaScript keeps; true once the browser runs the script.
  const enhanced = useSyncExternalStore(noSubscription, () => true, () => false);
  // Outside the form, which is remounted after each submission, so the choice survives an error.
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const siteTarget = enhanced || found.total > 0 ? "siteId" : "q";

  return (
    <>
      <FormErrorSummary errors={errors} order={["siteId", "movedOn"]} ids={{ siteId: siteTarget, movedOn: dateInputErrorTarget("movedOn", movedOn) }} />
      {enhanced ? null : (
        <form method="get" action={searchPath} role="search" aria-label="Sites the device can move to" className="govuk-!-margin-bottom-6">
          <TextInput
            id="q"
            name="q"
            type="search"
            label="Search for the site the device is moving to"
            hint="Enter part of its name, site code, town or postcode"
            defaultValue={query}
            spellCheck={false}
          />
          <Button type="submit" variant="secondary">
            Search
          </Button>
        </form>
      )}
      <form action={formAction} noValidate aria-busy={pending} key={JSON.stringify(state)}>
        <input type="hidden" name="version" value={version} />
        {enhanced ? (
          <SiteAutocomplete sourceUrl={sourceUrl} error={errors.siteId} chosen={chosen} onChosen={setChosen} />
        ) : (
          <SiteRadios found={found} query={query} error={errors.siteId} defaultValue={valueOf(state, "siteId", "")} pagination={pagination} />
        )}
        <DateInput
          id="movedOn"
          name="movedOn"
          legend="Date of the move"
          hint="A move is a new deployment: this becomes the device's install date at the new site. For example, 27 3 2025"
          error={errors.movedOn}
          values={movedOn}
        />
        <ButtonGroup>
          <Button type="submit" disabled={pending}>
            Move device
          </Button>
          <a className="govuk-link" href={cancelHref}>
            Cancel
          </a>
        </ButtonGroup>
      </form>
    </>
  );
}

function SiteRadios({
  found,
  query,
  error,
  defaultValue,
  pagination,
}: {
  found: MoveTargetPage;
  query: string;
  error: string | undefined;
  defaultValue: string;
  pagination: MoveDeviceFormProps["pagination"];
}) {
  if (found.total === 0) {
    return (
      <div className="govuk-form-group">
        <h2 className="govuk-heading-s govuk-!-margin-bottom-2">Site the device is moving to</h2>
        <p className="govuk-body">{query ? `No sites match “${query}”. Check the spelling or search for less of the name.` : "There are no other active sites to move the device to."}</p>
      </div>
    );
  }
  const from = (found.page - 1) * found.perPage + 1;
  const to = Math.min(found.page * found.perPage, found.total);
  const of = `${found.total} ${found.total === 1 ? "site" : "sites"}${query ? ` matching “${query}”` : ""}`;
  return (
    <>
      <Radios
        name="siteId"
        legend="Site the device is moving to"
        legendSize="s"
        hint={found.pageCount > 1 ? `Showing ${from} to ${to} of ${of}. Search to narrow the list.` : `${of.charAt(0).toUpperCase()}${of.slice(1)}.`}
        error={error}
        defaultValue={defaultValue}
        items={found.rows.map((s: MoveTarget) => ({ value: String(s.id), text: s.label, hint: s.place }))}
      />
      <Pagination {...pagination} label="Pages of sites" />
    </>
  );
}

function SiteAutocomplete({
  sourceUrl,
  error,
  chosen,
  onChosen,
}: {
  sourceUrl: string;
  error: string | undefined;
  chosen: Chosen | null;
  onChosen: (chosen: Chosen | null) => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  // The autocomplete's callbacks outlive renders: they read the choice through this.
  const current = useRef(chosen);
  useEffect(() => {
    current.current = chosen;
  }, [chosen]);
  const describedBy = ["siteId-hint", error ? "siteId-error" : null].filter(Boolean).join(" ");

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    let cancelled = false;
    let request: AbortController | null = null;
    let labels = new Map<string, number>();
    // The menu shows its "no results" line while a search is on its way: say so, not "No sites match".
    let searching = false;
    let observer: MutationObserver | null = null;
    void import("accessible-autocomplete").then(({ default: accessibleAutocomplete }) => {
      if (cancelled || element.childElementCount > 0) return;
      accessibleAutocomplete({
        element,
        id: "siteId",
        // The text typed is not posted: the chosen site's id is, from the hidden field below.
        name: "",
        defaultValue: current.current?.label ?? "",
        minLength: 2,
        displayMenu: "overlay",
        inputClasses: error ? "govuk-input--error" : null,
        source: (typed, populate) => {
          request?.abort();
          request = new AbortController();
          searching = true;
          fetch(`${sourceUrl}?q=${encodeURIComponent(typed)}`, { signal: request.signal, headers: { Accept: "application/json" } })
            .then((response) => (response.ok ? (response.json() as Promise<{ sites: MoveTarget[] }>) : { sites: [] }))
            .then(({ sites }) => {
              searching = false;
              labels = new Map(sites.map((s) => [s.label, s.id]));
              populate(sites.map((s) => s.label));
            })
            .catch((error: unknown) => {
              // A search overtaken by the next keystroke is dropped; a failed one finds nothing.
              if (error instanceof DOMException && error.name === "AbortError") return;
              searching = false;
              populate([]);
            });
        },
        onConfirm: (label) => {
          const id = label === undefined ? undefined : labels.get(label);
          if (label !== undefined && id !== undefined) onChosen({ id, label });
        },
        tNoResults: () => (searching ? "Searching for sites…" : "No sites match"),
        tStatusQueryTooShort: (n) => `Type ${n} or more characters to search for sites`,
        tStatusNoResults: () => "No sites match",
      });
      const input = element.querySelector("input");
      if (!input) return;
      // The autocomplete points aria-describedby at its own instructions only; the hint and any
      // error belong to the field too, so they are added back whenever it rewrites the attribute.
      const describe = () => {
        const ids = new Set((input.getAttribute("aria-describedby") ?? "").split(/\s+/).filter(Boolean));
        const before = ids.size;
        for (const id of describedBy.split(" ")) ids.add(id);
        if (ids.size !== before) input.setAttribute("aria-describedby", [...ids].join(" "));
      };
      describe();
      observer = new MutationObserver(describe);
      observer.observe(input, { attributes: true, attributeFilter: ["aria-describedby"] });
      // Typing after choosing unchooses: the form must not post a site the field no longer names.
      input.addEventListener("input", () => {
        if (current.current && input.value !== current.current.label) onChosen(null);
      });
    });
    return () => {
      cancelled = true;
      request?.abort();
      observer?.disconnect();
    };
    // Once per mount: the autocomplete keeps its own state; the form remounts it after a submission.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <div className={error ? "govuk-form-group govuk-form-group--error" : "govuk-form-group"}>
      <label className="govuk-label govuk-label--s" htmlFor="siteId">
        Site the device is moving to
      </label>
      <div id="siteId-hint" className="govuk-hint">
        Start typing its name, site code, town or postcode, then choose it from the list
      </div>
      {error ? (
        <p id="siteId-error" className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <div ref={container} />
      <input type="hidden" name="siteId" value={chosen ? String(chosen.id) : ""} />
    </div>
  );
}
