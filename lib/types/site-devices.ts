import type { Finding } from "@/lib/compliance";
import type { DeviceStatusValue } from "@/lib/validation/site-page-query";

// A site's devices as its page shows them, shared by the data layer that reads them and the
// components that draw them (components never import lib/data).

export interface SiteDeviceRow {
  id: number;
  kind: "CAMERA" | "RECORDER" | "ENCODER" | "OTHER";
  brand: string;
  model: string | null;
  systemId: number | null;
  systemName: string | null;
  installedOn: string | null;
  network: "CORE" | "SEGREGATED" | "STANDALONE" | "UNKNOWN";
  lifecycle: "IN_SERVICE" | "DECOMMISSIONED" | "REMOVED";
  /** null until the device has been evaluated. */
  status: Finding["status"] | null;
  findings: Finding[];
}

export interface SiteDeviceCounts {
  all: number;
  byStatus: Record<DeviceStatusValue, number>;
  notEvaluated: number;
}
