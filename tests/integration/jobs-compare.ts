// Whether every stored result equals a fresh evaluation by the engine, as of the date the results
// say they are true for: the check the job tests (integration and end-to-end) run after a job.
// The same comparison as stored-results.test.ts, returning the differences instead of asserting.
import { assessDevice, emptyCounts, rollUpStatus } from "@/lib/compliance";
import { FactBuilder, evaluatedOn, latestExemptionJoin, loadPolicy, loadRegister, type Db, type FactRow } from "@/lib/data/evaluation";

type Row = FactRow & { stored_status: string | null; stored_rules: string[] | null; live_site: boolean };

/** Up to `limit` differences between the stored results and a fresh evaluation (none: all equal). */
export async function differencesFromFreshEvaluation(db: Db, limit = 5): Promise<{ devices: number; differences: string[] }> {
  const asOf = await evaluatedOn(db);
  if (!asOf) return { devices: 0, differences: ["no evaluation has been stored"] };
  const builder = new FactBuilder(await loadRegister(db));
  const policy = await loadPolicy(db);
  const rows = await db.$queryRawUnsafe<Row[]>(`
    SELECT d.id, d.organisation_id, d.site_id, d.brand, d.model, d.mac, d.installed_on::text AS installed_on,
      d.network::text AS network, d.vendor_cloud, d.lifecycle::text AS lifecycle,
      s.sensitivity::text AS sensitivity, s.sensitive_since::text AS sensitive_since, s.controls_extended, s.archived_at IS NULL AS live_site,
      e.approved_by, e.expires_on, c.status::text AS stored_status, c.rule_ids AS stored_rules
    FROM devices d JOIN sites s ON s.id = d.site_id
    LEFT JOIN device_compliance c ON c.device_id = d.id
    ${latestExemptionJoin("d.id")}`);
  const differences: string[] = [];
  const counts = new Map<number, ReturnType<typeof emptyCounts>>();
  for (const row of rows) {
    const fresh = assessDevice(builder.facts(row, builder.resolve(row.brand, row.model)), asOf, policy);
    const rules = fresh.findings.map((f) => f.ruleId);
    if (fresh.status !== row.stored_status || rules.join() !== (row.stored_rules ?? []).join()) {
      differences.push(`device ${row.id}: stored ${row.stored_status} [${row.stored_rules ?? ""}], fresh ${fresh.status} [${rules}]`);
    }
    // Organisations' figures count the devices at their sites still in use.
    if (!row.live_site) continue;
    const c = counts.get(row.organisation_id) ?? emptyCounts();
    c[fresh.status] += 1;
    counts.set(row.organisation_id, c);
  }
  const sites = await db.$queryRawUnsafe<{ id: number; n: number }[]>(
    `SELECT o.id, count(s.id)::int AS n FROM organisations o LEFT JOIN sites s ON s.organisation_id = o.id AND s.archived_at IS NULL GROUP BY o.id`,
  );
  const orgs = await db.$queryRawUnsafe<{ organisation_id: number; status: string; breach: number; evaluated_on: string }[]>(
    `SELECT organisation_id, status::text AS status, breach, evaluated_on::text AS evaluated_on FROM org_compliance`,
  );
  for (const org of orgs) {
    const c = counts.get(org.organisation_id) ?? emptyCounts();
    const status = rollUpStatus({ sites: sites.find((s) => s.id === org.organisation_id)?.n ?? 0, counts: c });
    if (org.status !== status || org.breach !== c.BREACH || org.evaluated_on !== asOf) {
      differences.push(`organisation ${org.organisation_id}: stored ${org.status} (${org.breach} breaches, ${org.evaluated_on}), fresh ${status} (${c.BREACH} breaches, ${asOf})`);
    }
  }
  if (orgs.length !== sites.length) differences.push(`${orgs.length} organisations have stored figures, of ${sites.length}`);
  return { devices: rows.length, differences: differences.slice(0, limit) };
}
