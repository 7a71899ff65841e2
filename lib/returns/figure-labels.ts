// The names of a return's figures, as its pages, its changes and its reports say them. No imports
// beyond types: components that run in the browser use them too.
import type { ReturnFigures } from "@/lib/returns/types";

export const FIGURE_LABELS: Record<keyof ReturnFigures, string> = {
  organisations: "Organisations with devices",
  sites: "Sites with devices",
  devices: "Devices",
  breach: "In breach",
  actionDue: "Action due",
  unverified: "Unverified",
  advisory: "Advisory",
  compliant: "Compliant",
  removed: "Removed",
  coveredInService: "Covered equipment in service",
  coveredRemaining: "Covered equipment still on controlled sites",
  coveredSensitive: "Covered equipment in service on sensitive sites",
  coveredCore: "Covered equipment on the core network",
};
