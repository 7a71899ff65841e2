import "server-only";
import { notFound } from "next/navigation";
import type { Actor } from "@/lib/auth/actor";
import { requirePagePermission } from "@/lib/auth/session";
import { getDeviceRecord, type DeviceRecord } from "@/lib/data/devices";
import { idParam, orNotFound } from "@/components/register/not-found";

/**
 * A device an editor may change on the page `/devices/<id>/<page>`: signed in with write
 * permission, in scope, not removed and not on an archived site (in service only, if asked).
 */
export async function changeableDevice(
  params: Promise<{ id: string }>,
  page: string,
  options: { inServiceOnly?: boolean } = {},
): Promise<{ actor: Actor; id: number; device: DeviceRecord }> {
  const { id: raw } = await params;
  const actor = await requirePagePermission("register:write", `/devices/${raw}/${page}`);
  const id = idParam(raw);
  const device = await orNotFound(getDeviceRecord(actor, id));
  const gone = options.inServiceOnly ? device.lifecycle !== "IN_SERVICE" : device.lifecycle === "REMOVED";
  if (gone || device.siteArchived) notFound();
  return { actor, id, device };
}

/** The caption above an action's heading: what the device is and where. */
export function deviceCaption(device: Pick<DeviceRecord, "brand" | "model" | "siteName">): string {
  return `${[device.brand, device.model].filter(Boolean).join(" ")} at ${device.siteName}`;
}
