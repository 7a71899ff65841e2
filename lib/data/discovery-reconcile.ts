// Reconciling a discovery file with the register, in SQL so that a /16 scan against millions of
// devices stays a few set-based statements. Every host is matched first, straight from the file's
// arrays: MAC, then serial, then IP address at the site, each one join on an index, as plain as the
// join of the MACs alone. Then only what matters is stored: hosts that match a register device and
// hosts that look like camera equipment. The rest (a /16's computers and printers) match nothing and
// are counted, not kept: storing them cost most of the time, and they are data nobody needs.
// What the file says that the register does not is worked out in code, for matched hosts only.
// No "server-only" marker: the benchmark calls this directly.
import type { Db } from "@/lib/data/evaluation";
import type { ClassifiedHost } from "@/lib/discovery/classify";

/** A host ready to store: its site decided, and whether the register says it is covered equipment. */
export type HostToStore = ClassifiedHost;

export interface ScanToReconcile {
  id: number;
  organisationId: number;
  siteIds: number[];
  scannedAt: Date;
}

export interface ReconcileCounts {
  hosts: number;
  matched: number;
  unrecorded: number;
  probableCovered: number;
  notSeen: number;
  /** Hosts stored: those that match a device or look like camera equipment. */
  kept: number;
}

const CHUNK = 5_000;

/** An empty string array travels as NULL through unnest; keep lists newline-joined instead. */
const joined = (list: readonly string[]) => (list.length === 0 ? null : list.join("\n"));

interface Kept {
  host: HostToStore;
  match: Match | null;
}

async function insertHosts(tx: Db, scan: ScanToReconcile, kept: readonly Kept[]): Promise<void> {
  for (let start = 0; start < kept.length; start += CHUNK) {
    const part = kept.slice(start, start + CHUNK);
    const col = <T>(pick: (h: HostToStore) => T) => part.map((k) => pick(k.host));
    await tx.$executeRawUnsafe(
      `INSERT INTO discovered_hosts (scan_id, organisation_id, site_id, line, ipv4, ipv6, mac, mac_vendor, hostnames, name,
         manufacturer, model, serial, firmware, services, os_guess, probable_producer, reasons, device_id, matched_by, differences)
       SELECT $1, $2, u.site_id, u.line, u.ipv4, u.ipv6, u.mac, u.mac_vendor, COALESCE(string_to_array(u.hostnames, E'\\n'), '{}'),
         u.name, u.manufacturer, u.model, u.serial, u.firmware, u.services::jsonb, u.os_guess, u.probable_producer,
         COALESCE(string_to_array(u.reasons, E'\\n'), '{}'), u.device_id, u.matched_by::"DiscoveryMatch",
         COALESCE(string_to_array(u.differences, E'\\n'), '{}')
       FROM unnest($3::int[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[],
         $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::int[], $20::text[], $21::text[])
         AS u(site_id, line, ipv4, ipv6, mac, mac_vendor, hostnames, name, manufacturer, model, serial, firmware, services, os_guess,
              probable_producer, reasons, device_id, matched_by, differences)`,
      scan.id, scan.organisationId,
      col((h) => h.siteId), col((h) => h.line), col((h) => h.ipv4), col((h) => h.ipv6), col((h) => h.mac), col((h) => h.macVendor),
      col((h) => joined(h.hostnames)), col((h) => h.name), col((h) => h.manufacturer), col((h) => h.model), col((h) => h.serial),
      col((h) => h.firmware), col((h) => JSON.stringify(h.services)), col((h) => h.osGuess), col((h) => h.probableProducer),
      col((h) => joined(h.reasons)),
      part.map((k) => k.match?.device.id ?? null), part.map((k) => k.match?.how ?? null),
      part.map((k) => (k.match ? joined(differencesOf(k.host, k.match.device)) : null)),
    );
  }
}

/** A register device as a match needs it: to choose between candidates and to say what differs. */
interface DeviceHit {
  i: number;
  id: number;
  site_id: number;
  site_name: string;
  lifecycle: string;
  brand: string;
  model: string | null;
  mac: string | null;
  serial: string | null;
  ip: string | null;
}

interface Match {
  how: "MAC" | "SERIAL" | "IP";
  device: DeviceHit;
}

const DEVICE_COLUMNS = `d.id, d.site_id, s.name AS site_name, d.lifecycle::text AS lifecycle, d.brand, d.model, d.mac, d.serial, d.ip`;

/** Of several devices a host matches: one still in service, then one at the host's own site, then the first recorded. */
function better(a: DeviceHit, b: DeviceHit, siteId: number): boolean {
  const rank = (d: DeviceHit) => [d.lifecycle === "REMOVED" ? 1 : 0, d.site_id === siteId ? 0 : 1, d.id];
  const [x, y] = [rank(a), rank(b)];
  for (let k = 0; k < 3; k++) if (x[k]! !== y[k]!) return x[k]! < y[k]!;
  return false;
}

/**
 * Each host's register device, if any: by MAC among the organisation's devices, then by serial
 * number, then by IP address at the host's site. Three joins of the file's arrays to the devices
 * table, each on an index; the removed and the other site's devices lose to the rest.
 */
async function matchHosts(tx: Db, organisationId: number, hosts: readonly HostToStore[]): Promise<Map<number, Match>> {
  const matches = new Map<number, Match>();
  const take = (rows: readonly DeviceHit[], how: Match["how"]) => {
    const best = new Map<number, DeviceHit>();
    for (const r of rows) {
      const current = best.get(r.i);
      if (current === undefined || better(r, current, hosts[r.i]!.siteId)) best.set(r.i, r);
    }
    for (const [i, device] of best) matches.set(i, { how, device });
  };
  const waiting = (has: (h: HostToStore) => string | null) => {
    const index: number[] = [];
    const values: string[] = [];
    hosts.forEach((h, i) => {
      const v = has(h);
      if (v !== null && !matches.has(i)) {
        index.push(i);
        values.push(v);
      }
    });
    return { index, values };
  };
  const byMac = waiting((h) => h.mac);
  if (byMac.index.length > 0) {
    take(await tx.$queryRawUnsafe<DeviceHit[]>(
      `SELECT m.i, ${DEVICE_COLUMNS} FROM unnest($1::int[], $2::text[]) AS m(i, mac)
       JOIN devices d ON d.organisation_id = $3 AND d.mac = m.mac JOIN sites s ON s.id = d.site_id`,
      byMac.index, byMac.values, organisationId,
    ), "MAC");
  }
  const bySerial = waiting((h) => h.serial);
  if (bySerial.index.length > 0) {
    take(await tx.$queryRawUnsafe<DeviceHit[]>(
      `SELECT m.i, ${DEVICE_COLUMNS} FROM unnest($1::int[], $2::text[]) AS m(i, serial)
       JOIN devices d ON d.organisation_id = $3 AND d.serial = m.serial JOIN sites s ON s.id = d.site_id`,
      bySerial.index, bySerial.values, organisationId,
    ), "SERIAL");
  }
  // A host with both an IPv4 and an IPv6 address is looked up by each.
  const index: number[] = [];
  const sites: number[] = [];
  const ips: string[] = [];
  hosts.forEach((h, i) => {
    if (matches.has(i)) return;
    for (const ip of [h.ipv4, h.ipv6]) {
      if (ip === null) continue;
      index.push(i);
      sites.push(h.siteId);
      ips.push(ip);
    }
  });
  if (index.length > 0) {
    // The file's few sites named outright, so the planner reads their devices by the site index
    // rather than hashing the whole devices table against tens of thousands of addresses.
    take(await tx.$queryRawUnsafe<DeviceHit[]>(
      `SELECT m.i, ${DEVICE_COLUMNS} FROM unnest($1::int[], $2::int[], $3::text[]) AS m(i, site_id, ip)
       JOIN devices d ON d.site_id = m.site_id AND d.ip = m.ip JOIN sites s ON s.id = d.site_id
       WHERE d.site_id = ANY($4::int[])`,
      index, sites, ips, [...new Set(sites)],
    ), "IP");
  }
  return matches;
}

// A device still in service, and one at the host's own site, is the better match; a removed
// device is matched only when nothing else is, so the register hears that it is still there.
const PREFERENCE = `(d.lifecycle = 'REMOVED'), (d.site_id <> h.site_id), d.id`;

async function matchBy(tx: Db, scanId: number, how: "MAC" | "SERIAL" | "IP"): Promise<void> {
  const on =
    how === "MAC"
      ? `h.mac IS NOT NULL AND d.organisation_id = h.organisation_id AND d.mac = h.mac`
      : how === "SERIAL"
        ? `h.serial IS NOT NULL AND d.organisation_id = h.organisation_id AND d.serial = h.serial`
        : `d.site_id = h.site_id AND d.ip IS NOT NULL AND (d.ip = h.ipv4 OR d.ip = h.ipv6)`;
  await tx.$executeRawUnsafe(
    `UPDATE discovered_hosts t SET device_id = m.device_id, matched_by = '${how}'
     FROM (
       SELECT DISTINCT ON (h.id) h.id, d.id AS device_id
       FROM discovered_hosts h JOIN devices d ON ${on}
       WHERE h.scan_id = $1 AND h.device_id IS NULL
       ORDER BY h.id, ${PREFERENCE}
     ) m
     WHERE t.id = m.id`,
    scanId,
  );
}

const same = (a: string | null, b: string | null) => a !== null && b !== null && a.trim().toUpperCase() === b.trim().toUpperCase();
const mentions = (text: string | null, word: string) => text !== null && text.toUpperCase().includes(word.trim().toUpperCase());

/** What the file says about a matched device that the register does not, in plain English. */
export function differencesOf(
  h: Pick<HostToStore, "siteId" | "ipv4" | "ipv6" | "mac" | "macVendor" | "manufacturer" | "model" | "serial">,
  d: Pick<DeviceHit, "site_id" | "site_name" | "lifecycle" | "brand" | "model" | "mac" | "serial" | "ip">,
): string[] {
  const r = {
    site_id: h.siteId, ipv4: h.ipv4, ipv6: h.ipv6, mac: h.mac, mac_vendor: h.macVendor, manufacturer: h.manufacturer, model: h.model,
    serial: h.serial, d_brand: d.brand, d_model: d.model, d_mac: d.mac, d_serial: d.serial, d_ip: d.ip, d_site_id: d.site_id,
    d_site_name: d.site_name, d_lifecycle: d.lifecycle,
  };
  const out: string[] = [];
  if (r.d_lifecycle === "REMOVED") out.push("The register records this device as removed, but it is still on the network.");
  if (r.d_site_id !== r.site_id) out.push(`The register records this device at ${r.d_site_name}, not at the site this file covers.`);
  if (r.manufacturer && !mentions(r.manufacturer, r.d_brand) && !mentions(r.d_brand, r.manufacturer)) {
    out.push(`The file gives the maker as ${r.manufacturer}; the register records the brand ${r.d_brand}.`);
  } else if (!r.manufacturer && r.mac_vendor && !mentions(r.mac_vendor, r.d_brand)) {
    out.push(`The network address is registered to ${r.mac_vendor}; the register records the brand ${r.d_brand}.`);
  }
  if (r.model && r.d_model && !same(r.model, r.d_model) && !mentions(r.model, r.d_model)) {
    out.push(`The file gives the model as ${r.model}; the register records ${r.d_model}.`);
  } else if (r.model && !r.d_model) out.push(`The file gives the model as ${r.model}; the register has no model.`);
  if (r.mac && r.d_mac && r.mac !== r.d_mac) out.push(`The file gives the MAC address ${r.mac}; the register records ${r.d_mac}.`);
  else if (r.mac && !r.d_mac) out.push(`The file gives the MAC address ${r.mac}; the register has none.`);
  if (r.serial && r.d_serial && !same(r.serial, r.d_serial)) out.push(`The file gives the serial number ${r.serial}; the register records ${r.d_serial}.`);
  else if (r.serial && !r.d_serial) out.push(`The file gives the serial number ${r.serial}; the register has none.`);
  const ip = r.ipv4 ?? r.ipv6;
  if (ip && r.d_ip && ip !== r.ipv4 && ip !== r.ipv6) out.push(`The file gives the address ${ip}; the register records ${r.d_ip}.`);
  else if (ip && r.d_ip && r.d_ip !== r.ipv4 && r.d_ip !== r.ipv6) out.push(`The file gives the address ${ip}; the register records ${r.d_ip}.`);
  else if (ip && !r.d_ip) out.push(`The file gives the address ${ip}; the register has none.`);
  return out;
}

/** Matches a scan's unmatched hosts again (after devices were added for them) and marks the devices seen. */
export async function matchScanAgain(tx: Db, scanId: number): Promise<void> {
  await matchBy(tx, scanId, "MAC");
  await matchBy(tx, scanId, "SERIAL");
  await matchBy(tx, scanId, "IP");
  await markSeen(tx, scanId);
}

async function markSeen(tx: Db, scanId: number): Promise<void> {
  await tx.$executeRawUnsafe(
    `UPDATE devices d SET last_seen_at = sc.scanned_at, last_seen_scan_id = sc.id
     FROM discovered_hosts h JOIN discovery_scans sc ON sc.id = h.scan_id
     WHERE h.scan_id = $1 AND h.device_id = d.id AND (d.last_seen_at IS NULL OR d.last_seen_at <= sc.scanned_at)`,
    scanId,
  );
}

/**
 * Stores the hosts of a scan (its row already written) and reconciles them, inside the caller's
 * transaction: earlier hosts of the same sites stop being current, each host is matched, matched
 * devices are marked as seen, and a dismissal of the same address at the same site carries over.
 */
export async function storeAndReconcile(tx: Db, scan: ScanToReconcile, hosts: readonly HostToStore[]): Promise<ReconcileCounts> {
  await tx.$executeRawUnsafe(`UPDATE discovered_hosts SET current = false WHERE site_id = ANY($1::int[]) AND current`, scan.siteIds);
  const matches = await matchHosts(tx, scan.organisationId, hosts);
  const kept: Kept[] = [];
  hosts.forEach((host, i) => {
    const match = matches.get(i) ?? null;
    if (match !== null || host.cameraLike) kept.push({ host, match });
  });
  await insertHosts(tx, scan, kept);
  await markSeen(tx, scan.id);
  // Someone already decided this address was not a device for the register: say so again. The
  // earlier dismissals of the scan's sites are few, so they are gathered first and each new host
  // is looked up among them (joined the other way round, a /16 compares every host with every host).
  await tx.$executeRawUnsafe(
    `WITH earlier AS MATERIALIZED (
       SELECT site_id, mac, ipv4, ipv6, action_reason, acted_by_id, acted_at FROM discovered_hosts
       WHERE site_id = ANY($2::int[]) AND action = 'DISMISSED' AND scan_id <> $1
     )
     UPDATE discovered_hosts t SET action = 'DISMISSED', action_reason = p.action_reason, acted_by_id = p.acted_by_id, acted_at = p.acted_at
     FROM (
       SELECT DISTINCT ON (h.id) h.id, o.action_reason, o.acted_by_id, o.acted_at
       FROM earlier o JOIN discovered_hosts h
         ON h.scan_id = $1 AND h.device_id IS NULL AND h.site_id = o.site_id
        AND ((o.mac IS NOT NULL AND h.mac = o.mac) OR (o.mac IS NULL AND h.mac IS NULL AND o.ipv4 IS NOT DISTINCT FROM h.ipv4 AND o.ipv6 IS NOT DISTINCT FROM h.ipv6))
       ORDER BY h.id, o.acted_at DESC
     ) p
     WHERE t.id = p.id`,
    scan.id, scan.siteIds,
  );
  const probable = await tx.$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM discovered_hosts WHERE scan_id = $1 AND device_id IS NULL AND probable_producer IS NOT NULL AND action IS NULL`,
    scan.id,
  );
  const notSeen = await tx.$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM devices d
     WHERE d.site_id = ANY($2::int[]) AND d.lifecycle <> 'REMOVED'
       AND NOT EXISTS (SELECT 1 FROM discovered_hosts h WHERE h.scan_id = $1 AND h.device_id = d.id)`,
    scan.id, scan.siteIds,
  );
  return {
    hosts: hosts.length, matched: matches.size, unrecorded: hosts.length - matches.size, probableCovered: probable[0]!.n,
    notSeen: notSeen[0]!.n, kept: kept.length,
  };
}
