import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { inScope } from "@/lib/auth/actor";
import { notFound } from "@/lib/auth/errors";
import { recordAudit } from "@/lib/data/audit";
import { matchScanAgain } from "@/lib/data/discovery-reconcile";
import { importDeviceRecords } from "@/lib/data/imports";
import type { Outcome } from "@/lib/data/outcome";
import { rawTransaction } from "@/lib/data/raw-transaction";
import { assertCanWrite } from "@/lib/data/scope";
import { db } from "@/lib/db";
import { plural } from "@/lib/text/plural";
import type { AdditionField, DismissHostInput } from "@/lib/validation/discovery";

// What an editor does with a reconciliation: dismiss a host that is not equipment for the
// register, or add hosts to it. Adding goes through the import (importDeviceRecords), so every
// row meets the same checks and is written all or nothing, with the scan named as its source.
// Marking a register device removed is the device's own removal page (recordRemoval).

interface ScanRef {
  id: number;
  organisationId: number;
  filename: string;
  scannedAt: Date;
}

async function reconciledScan(actor: Actor, scanId: number): Promise<ScanRef> {
  assertCanWrite(actor);
  const scan = await db().discoveryScan.findUnique({ where: { id: scanId }, select: { id: true, organisationId: true, filename: true, scannedAt: true, state: true } });
  if (!scan || !inScope(actor, scan.organisationId) || scan.state !== "RECONCILED") throw notFound("Scan");
  return scan;
}

const describeHost = (h: { ipv4: string | null; ipv6: string | null; mac: string | null; line: number }) =>
  h.ipv4 ?? h.ipv6 ?? (h.mac ? `MAC ${h.mac}` : `line ${h.line}`);

/** Dismisses one host not in the register, with the reason; a later scan carries the dismissal over. */
export async function dismissHost(actor: Actor, scanId: number, input: DismissHostInput): Promise<Outcome<{ id: number }>> {
  const scan = await reconciledScan(actor, scanId);
  return rawTransaction(db(), async (tx): Promise<Outcome<{ id: number }>> => {
    const hosts = await tx.$queryRawUnsafe<{ id: number; ipv4: string | null; ipv6: string | null; mac: string | null; line: number; device_id: number | null; action: string | null; probable_producer: string | null }[]>(
      `SELECT id, ipv4, ipv6, mac, line, device_id, action::text AS action, probable_producer FROM discovered_hosts WHERE id = $1 AND scan_id = $2 FOR UPDATE`,
      input.host, scan.id,
    );
    const host = hosts[0];
    if (!host) throw notFound("Host");
    if (host.device_id !== null || host.action !== null) {
      return { ok: false, fieldErrors: { form: "This host has already been dealt with: reload the page to see what happened" } };
    }
    await tx.$executeRawUnsafe(
      `UPDATE discovered_hosts SET action = 'DISMISSED', action_reason = $2, acted_by_id = $3, acted_at = now() WHERE id = $1`,
      host.id, input.reason, actor.id,
    );
    await recordAudit(tx, actor, {
      action: "discovery.host-dismissed",
      entityType: "discovery-scan",
      entityId: String(scan.id),
      organisationId: scan.organisationId,
      summary: `Dismissed the host ${describeHost(host)} found by ${scan.filename}: ${input.reason}`,
      after: { host: host.id, reason: input.reason, probableProducer: host.probable_producer },
    });
    return { ok: true, value: { id: host.id } };
  });
}

export type AdditionCells = Partial<Record<AdditionField, string>>;

export interface HostToAdd {
  hostId: number;
  cells: AdditionCells;
}

/** Problems keyed `<column>-<host id>` (the review form's field names), or `form`. */
export type AdditionOutcome = { ok: true; created: number; importId: string | null } | { ok: false; fieldErrors: Record<string, string> };

/**
 * Adds the reviewed hosts to the register through the import, all or nothing. The MAC and IP
 * addresses and the site come from the scan, not the form; the notes name the scan as evidence.
 * Then the scan is matched again, so each added host points at its new device.
 */
export async function addHostsToRegister(actor: Actor, scanId: number, entries: readonly HostToAdd[]): Promise<AdditionOutcome> {
  const scan = await reconciledScan(actor, scanId);
  const ids = entries.map((e) => e.hostId);
  const hosts = await db().$queryRawUnsafe<{ id: number; line: number; ipv4: string | null; ipv6: string | null; mac: string | null; site_code: string; acronym: string; reasons: string[] }[]>(
    `SELECT h.id, h.line, h.ipv4, h.ipv6, h.mac, s.site_code, o.acronym, h.reasons
     FROM discovered_hosts h JOIN sites s ON s.id = h.site_id JOIN organisations o ON o.id = h.organisation_id
     WHERE h.scan_id = $1 AND h.id = ANY($2::int[]) AND h.device_id IS NULL AND h.action IS NULL`,
    scan.id, ids,
  );
  const byId = new Map(hosts.map((h) => [h.id, h]));
  if (byId.size !== new Set(ids).size) {
    return { ok: false, fieldErrors: { form: "Some of these hosts have been added or dismissed since you chose them: go back to the scan and choose again" } };
  }
  const seenOn = scan.scannedAt.toISOString().slice(0, 10);
  const records = entries.map(({ hostId, cells }) => {
    const h = byId.get(hostId)!;
    const evidence = `Found on the network by ${scan.filename} (scanned ${seenOn}, line ${h.line}).${h.reasons.length ? ` ${h.reasons.join(" ")}` : ""}`;
    const notes = [cells.notes?.trim(), evidence].filter(Boolean).join(" ");
    return {
      organisation: h.acronym,
      site_code: h.site_code,
      kind: cells.kind ?? "",
      brand: cells.brand ?? "",
      model: cells.model ?? "",
      serial: cells.serial ?? "",
      installed_on: cells.installed_on ?? "",
      network: cells.network ?? "",
      mac: h.mac ?? "",
      ip: h.ipv4 ?? h.ipv6 ?? "",
      notes: notes.slice(0, 2000),
    };
  });
  const outcome = await importDeviceRecords(actor, records, { dryRun: false, source: `Network discovery: ${scan.filename}` });
  if (!outcome.ok) {
    if (outcome.busy) return { ok: false, fieldErrors: { form: outcome.error } };
    const fieldErrors: Record<string, string> = {};
    for (const e of outcome.errors) {
      const hostId = entries[e.index]?.hostId;
      const key = hostId !== undefined && e.column !== null ? `${e.column}-${hostId}` : "form";
      fieldErrors[key] ??= e.message;
    }
    return { ok: false, fieldErrors };
  }
  await rawTransaction(db(), async (tx) => {
    await matchScanAgain(tx, scan.id);
    await tx.$executeRawUnsafe(
      `UPDATE discovered_hosts SET action = 'ADDED', acted_by_id = $3, acted_at = now() WHERE scan_id = $1 AND id = ANY($2::int[]) AND device_id IS NOT NULL`,
      scan.id, ids, actor.id,
    );
    await recordAudit(tx, actor, {
      action: "discovery.hosts-added",
      entityType: "discovery-scan",
      entityId: String(scan.id),
      organisationId: scan.organisationId,
      summary: `Added ${plural(entries.length, "host")} found by ${scan.filename} to the register`,
      after: { hosts: ids, importId: outcome.importId },
    });
  });
  return { ok: true, created: outcome.result.created, importId: outcome.importId };
}
