import type { DeviceFacts, SiteFacts } from "@/lib/compliance";

/**
 * A covered camera installed well before the cut-off on a sensitive site, on a segregated network
 * with no vendor cloud: on its own it triggers only R3, so each override shows one rule's effect.
 */
export const BASE: DeviceFacts = Object.freeze({
  producer: "COVERED",
  installedOn: "2020-01-15",
  network: "SEGREGATED",
  vendorCloud: false,
  lifecycle: "IN_SERVICE",
  site: Object.freeze({ sensitivity: "SENSITIVE", sensitiveSince: null, controlsExtended: false }),
  exemption: null,
}) as DeviceFacts;

export type FactsOverrides = Partial<Omit<DeviceFacts, "site">> & { site?: Partial<SiteFacts> };

export function facts(overrides: FactsOverrides = {}): DeviceFacts {
  const { site, ...rest } = overrides;
  return { ...BASE, ...rest, site: { ...BASE.site, ...site } };
}

/** A date before the default deadline, so R3 is ACTION_DUE unless a test says otherwise. */
export const AS_OF = "2024-09-01";
