// A date may be left empty exactly where its legend says "(optional)": each form is rendered, its
// date inputs read, and the form's own schema asked whether an empty date is accepted.
import { describe, expect, it } from "vitest";
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { z } from "zod";
import { PolicyForm } from "@/components/admin/policy-form";
import { BrandForm } from "@/components/admin/register-forms";
import { DeviceForm } from "@/components/register/device-form";
import { DecommissionDeviceForm, ExemptionForm, RemovalForm } from "@/components/register/lifecycle-forms";
import { MoveDeviceForm } from "@/components/register/move-device-form";
import { SiteForm } from "@/components/register/site-form";
import { decommissionDeviceSchema, deviceFormSchema, moveDeviceSchema, removeDeviceSchema } from "@/lib/validation/device";
import { exemptionFormSchema } from "@/lib/validation/exemption";
import { policySchema } from "@/lib/validation/policy";
import { brandSchema } from "@/lib/validation/register";
import { siteFormSchema } from "@/lib/validation/site";

const action = async <S,>(state: S) => state;
const today = "2026-12-01";

/** Each date input on the page: its field name and legend. */
function dateInputs(element: ReactElement): { id: string; legend: string }[] {
  const html = renderToStaticMarkup(element);
  return [...html.matchAll(/<legend[^>]*>(.*?)<\/legend>(?:(?!<legend).)*?<div class="govuk-date-input" id="([^"]+)"/gs)].map((m) => ({
    id: m[2]!,
    legend: m[1]!.replace(/<[^>]+>/g, ""),
  }));
}

/** Whether the schema accepts the date `id` with all three fields left empty. */
function acceptsEmpty(schema: z.ZodType, id: string): boolean {
  const result = schema.safeParse({ [`${id}-day`]: "", [`${id}-month`]: "", [`${id}-year`]: "" });
  return !(result.error?.issues ?? []).some((i) => i.path[0] === id);
}

const FORMS: [string, ReactElement, z.ZodType, string[]][] = [
  ["device", <DeviceForm key="d" action={action} systems={[]} submitText="Add device" cancelHref="/" />, deviceFormSchema, ["installedOn"]],
  ["site", <SiteForm key="s" action={action} organisations={[{ id: 1, name: "Home Office" }]} submitText="Add site" cancelHref="/" />, siteFormSchema, ["effectiveFrom", "assessedOn"]],
  [
    "move",
    <MoveDeviceForm
      key="m"
      action={action}
      version={1}
      cancelHref="/"
      today={today}
      searchPath="/"
      sourceUrl="/"
      query=""
      found={{ rows: [], total: 0, page: 1, pageCount: 0, perPage: 20 }}
      pagination={{ pages: [] }}
    />,
    moveDeviceSchema,
    ["movedOn"],
  ],
  ["decommission", <DecommissionDeviceForm key="dc" action={action} version={1} cancelHref="/" today={today} />, decommissionDeviceSchema, ["decommissionedOn"]],
  ["removal", <RemovalForm key="r" action={action} version={1} cancelHref="/" today={today} />, removeDeviceSchema, ["removedOn"]],
  ["exemption", <ExemptionForm key="e" action={action} version={1} cancelHref="/" today={today} />, exemptionFormSchema, ["approvedOn", "expiresOn"]],
  [
    "policy",
    <PolicyForm key="p" action={action} policy={{ version: 1, cutOff: "2022-11-24", removalDeadline: "2025-04-30", reclassificationGraceDays: 365, maxExemptionMonths: 36, notSeenDays: 30 }} />,
    policySchema,
    ["cutOff", "removalDeadline"],
  ],
  [
    "brand",
    <BrandForm
      key="b"
      action={action}
      brand={{ id: null, version: null, producerId: 1, name: "", aliases: [], confidence: "HIGH", validUntil: null, source: "", sourceUrl: null, notes: null }}
      producers={[{ id: 1, name: "Hikvision" }]}
      cancelHref="/"
    />,
    brandSchema,
    ["validUntil"],
  ],
];

describe("a date may be left empty exactly where its legend says (optional)", () => {
  for (const [name, form, schema, dates] of FORMS) {
    it(`the ${name} form`, () => {
      const inputs = dateInputs(form);
      expect(inputs.map((i) => i.id)).toEqual(dates);
      for (const input of inputs) {
        expect({ date: input.id, optional: acceptsEmpty(schema, input.id) }).toEqual({ date: input.id, optional: input.legend.includes("(optional)") });
      }
    });
  }

  it("the removal date is not optional, and its legend does not say so", () => {
    const [removal] = dateInputs(FORMS[4]![1]);
    expect(removal?.legend).not.toContain("(optional)");
    expect(acceptsEmpty(removeDeviceSchema, "removedOn")).toBe(false);
  });
});
