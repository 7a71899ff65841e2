// A return's figures: the engine's per-device results for the round's as-of date over the
// department and its agencies, with their hash (lib/returns/results.ts), and the re-hashing of
// attested returns a change has marked. No "server-only": the background jobs hash marked returns
// after a full evaluation, so that no page has to.
import { assessOrganisations, type Db } from "@/lib/data/evaluation";
import { ReturnAccumulator, type FrozenResult } from "@/lib/returns/results";
import type { ReturnFigures } from "@/lib/returns/types";

const OPEN_FINDINGS_LISTED = 10;

/** The department and its agencies. */
async function organisationsOf(ex: Db, departmentId: number): Promise<number[]> {
  const rows = await ex.$queryRawUnsafe<{ id: number }[]>(`SELECT id FROM organisations WHERE id = $1 OR parent_id = $1 ORDER BY id`, departmentId);
  return rows.map((r) => r.id);
}

export interface ComputedReturn {
  figures: ReturnFigures;
  hash: string;
  frozen: FrozenResult[];
  /** The first devices with an open finding (breach or action due), and how many there are. */
  openFindings: number[];
  openFindingsTotal: number;
}

/** The department's per-device results for the as-of date: figures, hash and frozen results. */
export async function computeReturn(ex: Db, departmentId: number, asOf: string): Promise<ComputedReturn> {
  const organisationIds = await organisationsOf(ex, departmentId);
  const acc = new ReturnAccumulator(asOf, organisationIds);
  const openFindings: number[] = [];
  let openFindingsTotal = 0;
  await assessOrganisations(ex, organisationIds, asOf, (device) => {
    acc.add(device);
    if (device.status === "BREACH" || device.status === "ACTION_DUE") {
      openFindingsTotal++;
      if (openFindings.length < OPEN_FINDINGS_LISTED) openFindings.push(device.id);
    }
  });
  return { ...acc.finish(), openFindings, openFindingsTotal };
}

export interface MarkedReturn {
  id: number;
  organisation_id: number;
  as_of: string;
}

/**
 * Hashes again the figures of attested returns a change has marked (lib/data/evaluation.ts
 * markReturnsForCheck), and returns each one's new hash by its id. The mark is cleared before
 * hashing, so a change committed meanwhile marks it again and the next reader hashes once more; a
 * failure puts the mark back.
 */
export async function refreshMarked(ex: Db, marked: readonly MarkedReturn[]): Promise<Map<number, string>> {
  const hashes = new Map<number, string>();
  for (const row of marked) {
    const claimed = await ex.$executeRawUnsafe(`UPDATE return_departments SET check_needed = false WHERE id = $1 AND check_needed`, row.id);
    if (claimed === 0) continue;
    try {
      const { hash } = await computeReturn(ex, row.organisation_id, row.as_of);
      await ex.$executeRawUnsafe(`UPDATE return_departments SET current_hash = $2, checked_at = now() WHERE id = $1`, row.id, hash);
      hashes.set(row.id, hash);
    } catch (error) {
      await ex.$executeRawUnsafe(`UPDATE return_departments SET check_needed = true WHERE id = $1`, row.id).catch(() => {});
      throw error;
    }
  }
  return hashes;
}

/** Every marked, attested return of an open round, hashed again (after a full evaluation). */
export async function refreshAllMarked(ex: Db): Promise<number> {
  const marked = await ex.$queryRawUnsafe<MarkedReturn[]>(
    `SELECT rd.id, rd.organisation_id, rr.as_of::text AS as_of FROM return_departments rd
     JOIN return_rounds rr ON rr.id = rd.round_id
     WHERE rd.check_needed AND rr.closed_at IS NULL AND EXISTS (SELECT 1 FROM attestations a WHERE a.return_id = rd.id)`);
  return (await refreshMarked(ex, marked)).size;
}
