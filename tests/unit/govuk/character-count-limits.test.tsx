// Each character count tells people a limit; the field's validation enforces one. They must be the
// same number, or the count says "you have 3 characters left" for text the server then refuses.
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { NewProducerForm, ProducerForm } from "@/components/admin/producer-forms";
import { BrandForm } from "@/components/admin/register-forms";
import { CameraSystemForm } from "@/components/register/camera-system-form";
import { DeviceForm } from "@/components/register/device-form";
import { ExemptionForm, RemovalForm, RevokeExemptionForm } from "@/components/register/lifecycle-forms";
import { brandSchema, newProducerSchema, producerSchema } from "@/lib/validation/register";
import { cameraSystemFormSchema } from "@/lib/validation/camera-system";
import { deviceFormSchema, removeDeviceSchema } from "@/lib/validation/device";
import { exemptionFormSchema, revokeExemptionSchema } from "@/lib/validation/exemption";

const registerAction = async <S,>(state: S) => state;
const common = { action: registerAction, version: 1, cancelHref: "/" };
const producer = { id: 1, version: 1, covered: true, confidence: "HIGH", source: "A public document", sourceUrl: null, notes: null };
const brand = { id: 1, version: 1, producerId: 1, name: "Brand", aliases: [], confidence: "HIGH", validUntil: null, source: "A public document", sourceUrl: null, notes: null };

const forms: { form: string; element: ReactElement; field: string; schema: z.ZodType }[] = [
  { form: "device", element: <DeviceForm action={registerAction} systems={[]} submitText="Save" cancelHref="/" />, field: "notes", schema: deviceFormSchema },
  { form: "removal", element: <RemovalForm {...common} today="2026-01-01" />, field: "removalEvidence", schema: removeDeviceSchema },
  { form: "exemption", element: <ExemptionForm {...common} today="2026-01-01" />, field: "justification", schema: exemptionFormSchema },
  { form: "revoke exemption", element: <RevokeExemptionForm {...common} />, field: "reason", schema: revokeExemptionSchema },
  { form: "camera system", element: <CameraSystemForm action={registerAction} cancelHref="/" />, field: "description", schema: cameraSystemFormSchema },
  { form: "producer", element: <ProducerForm action={registerAction} producer={producer} cancelHref="/" />, field: "notes", schema: producerSchema },
  { form: "new producer", element: <NewProducerForm action={registerAction} cancelHref="/" />, field: "notes", schema: newProducerSchema },
  { form: "brand", element: <BrandForm action={registerAction} brand={brand} producers={[]} cancelHref="/" />, field: "notes", schema: brandSchema },
];

function shownLimit(html: string, field: string): number {
  // Each count's markup runs from its data-module to the next one's.
  for (const count of html.split('data-module="govuk-character-count"').slice(1)) {
    const limit = /data-maxlength="(\d+)"/.exec(count)?.[1];
    if (limit && new RegExp(`<textarea[^>]*name="${field}"`).test(count)) return Number(limit);
  }
  throw new Error(`no character count for ${field}`);
}

function refusesLength(schema: z.ZodType, field: string, length: number): boolean {
  const result = schema.safeParse({ [field]: "x".repeat(length) });
  return !result.success && result.error.issues.some((issue) => issue.path[0] === field);
}

describe("character counts state the limit their field's validation enforces", () => {
  for (const { form, element, field, schema } of forms) {
    it(`${form} form: ${field}`, () => {
      const limit = shownLimit(renderToStaticMarkup(element), field);
      expect(refusesLength(schema, field, limit)).toBe(false);
      expect(refusesLength(schema, field, limit + 1)).toBe(true);
    });
  }
});
