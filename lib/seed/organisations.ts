export type SeedOrgType = "MINISTERIAL_DEPARTMENT" | "NON_MINISTERIAL_DEPARTMENT" | "AGENCY";

export interface SeedOrganisation {
  name: string;
  acronym: string;
  type: SeedOrgType;
  parent?: string; // acronym of the parent department
  /** Relative size of the estate, for sharing out sites. */
  weight: number;
  /** Share of its sites that are sensitive. */
  sensitiveShare: number;
}

const M = "MINISTERIAL_DEPARTMENT" as const;
const N = "NON_MINISTERIAL_DEPARTMENT" as const;
const A = "AGENCY" as const;

// GOV.UK's 24 ministerial and 20 non-ministerial departments, and a dozen agencies under their parents.
export const ORGANISATIONS: readonly SeedOrganisation[] = [
  { name: "Attorney General's Office", acronym: "AGO", type: M, weight: 1, sensitiveShare: 0.3 },
  { name: "Cabinet Office", acronym: "CO", type: M, weight: 4, sensitiveShare: 0.45 },
  { name: "Department for Business and Trade", acronym: "DBT", type: M, weight: 3, sensitiveShare: 0.1 },
  { name: "Department for Culture, Media and Sport", acronym: "DCMS", type: M, weight: 1, sensitiveShare: 0.1 },
  { name: "Department for Education", acronym: "DfE", type: M, weight: 3, sensitiveShare: 0.08 },
  { name: "Department for Energy Security and Net Zero", acronym: "DESNZ", type: M, weight: 2, sensitiveShare: 0.2 },
  { name: "Department for Environment, Food and Rural Affairs", acronym: "Defra", type: M, weight: 3, sensitiveShare: 0.08 },
  { name: "Department for Science, Innovation and Technology", acronym: "DSIT", type: M, weight: 2, sensitiveShare: 0.15 },
  { name: "Department for Transport", acronym: "DfT", type: M, weight: 3, sensitiveShare: 0.12 },
  { name: "Department for Work and Pensions", acronym: "DWP", type: M, weight: 12, sensitiveShare: 0.04 },
  { name: "Department of Health and Social Care", acronym: "DHSC", type: M, weight: 3, sensitiveShare: 0.1 },
  { name: "Foreign, Commonwealth and Development Office", acronym: "FCDO", type: M, weight: 4, sensitiveShare: 0.5 },
  { name: "HM Treasury", acronym: "HMT", type: M, weight: 1, sensitiveShare: 0.6 },
  { name: "Home Office", acronym: "HO", type: M, weight: 10, sensitiveShare: 0.3 },
  { name: "Ministry of Defence", acronym: "MOD", type: M, weight: 20, sensitiveShare: 0.4 },
  { name: "Ministry of Housing, Communities and Local Government", acronym: "MHCLG", type: M, weight: 2, sensitiveShare: 0.1 },
  { name: "Ministry of Justice", acronym: "MoJ", type: M, weight: 8, sensitiveShare: 0.15 },
  { name: "Northern Ireland Office", acronym: "NIO", type: M, weight: 1, sensitiveShare: 0.5 },
  { name: "Office of the Advocate General for Scotland", acronym: "OAG", type: M, weight: 1, sensitiveShare: 0.2 },
  { name: "Office of the Leader of the House of Commons", acronym: "OLHC", type: M, weight: 1, sensitiveShare: 0.5 },
  { name: "Office of the Leader of the House of Lords", acronym: "OLHL", type: M, weight: 1, sensitiveShare: 0.5 },
  { name: "Scotland Office", acronym: "SO", type: M, weight: 1, sensitiveShare: 0.3 },
  { name: "Wales Office", acronym: "WO", type: M, weight: 1, sensitiveShare: 0.3 },
  { name: "UK Export Finance", acronym: "UKEF", type: M, weight: 1, sensitiveShare: 0.1 },
  { name: "Charity Commission", acronym: "CCEW", type: N, weight: 1, sensitiveShare: 0.02 },
  { name: "Competition and Markets Authority", acronym: "CMA", type: N, weight: 1, sensitiveShare: 0.1 },
  { name: "Crown Prosecution Service", acronym: "CPS", type: N, weight: 3, sensitiveShare: 0.2 },
  { name: "Food Standards Agency", acronym: "FSA", type: N, weight: 1, sensitiveShare: 0.05 },
  { name: "Forestry Commission", acronym: "FC", type: N, weight: 2, sensitiveShare: 0.02 },
  { name: "Government Actuary's Department", acronym: "GAD", type: N, weight: 1, sensitiveShare: 0.1 },
  { name: "Government Legal Department", acronym: "GLD", type: N, weight: 1, sensitiveShare: 0.2 },
  { name: "HM Land Registry", acronym: "HMLR", type: N, weight: 2, sensitiveShare: 0.03 },
  { name: "HM Revenue and Customs", acronym: "HMRC", type: N, weight: 8, sensitiveShare: 0.1 },
  { name: "National Savings and Investments", acronym: "NS&I", type: N, weight: 1, sensitiveShare: 0.1 },
  { name: "The National Archives", acronym: "TNA", type: N, weight: 1, sensitiveShare: 0.1 },
  { name: "National Crime Agency", acronym: "NCA", type: N, weight: 3, sensitiveShare: 0.6 },
  { name: "Office of Rail and Road", acronym: "ORR", type: N, weight: 1, sensitiveShare: 0.02 },
  { name: "Ofgem", acronym: "Ofgem", type: N, weight: 1, sensitiveShare: 0.05 },
  { name: "Ofqual", acronym: "Ofqual", type: N, weight: 1, sensitiveShare: 0.05 },
  { name: "Ofsted", acronym: "Ofsted", type: N, weight: 1, sensitiveShare: 0.02 },
  { name: "Serious Fraud Office", acronym: "SFO", type: N, weight: 1, sensitiveShare: 0.4 },
  { name: "Supreme Court of the United Kingdom", acronym: "UKSC", type: N, weight: 1, sensitiveShare: 0.5 },
  { name: "UK Statistics Authority", acronym: "UKSA", type: N, weight: 1, sensitiveShare: 0.05 },
  { name: "Water Services Regulation Authority", acronym: "Ofwat", type: N, weight: 1, sensitiveShare: 0.02 },
  { name: "Driver and Vehicle Licensing Agency", acronym: "DVLA", type: A, parent: "DfT", weight: 2, sensitiveShare: 0.05 },
  { name: "Driver and Vehicle Standards Agency", acronym: "DVSA", type: A, parent: "DfT", weight: 4, sensitiveShare: 0.02 },
  { name: "HM Prison and Probation Service", acronym: "HMPPS", type: A, parent: "MoJ", weight: 12, sensitiveShare: 0.15 },
  { name: "HM Courts and Tribunals Service", acronym: "HMCTS", type: A, parent: "MoJ", weight: 8, sensitiveShare: 0.1 },
  { name: "Defence Equipment and Support", acronym: "DE&S", type: A, parent: "MOD", weight: 3, sensitiveShare: 0.5 },
  { name: "Met Office", acronym: "MO", type: A, parent: "MOD", weight: 2, sensitiveShare: 0.2 },
  { name: "Environment Agency", acronym: "EA", type: A, parent: "Defra", weight: 5, sensitiveShare: 0.03 },
  { name: "Rural Payments Agency", acronym: "RPA", type: A, parent: "Defra", weight: 1, sensitiveShare: 0.02 },
  { name: "UK Health Security Agency", acronym: "UKHSA", type: A, parent: "DHSC", weight: 2, sensitiveShare: 0.3 },
  { name: "Medicines and Healthcare products Regulatory Agency", acronym: "MHRA", type: A, parent: "DHSC", weight: 1, sensitiveShare: 0.1 },
  { name: "Companies House", acronym: "CH", type: A, parent: "DBT", weight: 1, sensitiveShare: 0.02 },
  { name: "Government Property Agency", acronym: "GPA", type: A, parent: "CO", weight: 3, sensitiveShare: 0.25 },
  { name: "Valuation Office Agency", acronym: "VOA", type: A, parent: "HMRC", weight: 2, sensitiveShare: 0.02 },
];

const REGIONS = ["North", "South", "East", "West", "Midlands", "Northern", "Southern", "Central", "Coastal", "Highlands"];
const FUNCTIONS = [
  "Records", "Standards", "Inspection", "Licensing", "Estates", "Research", "Supply", "Archives",
  "Maritime", "Fisheries", "Heritage", "Grants", "Pensions", "Benefits", "Training", "Science",
];

/**
 * The benchmark database needs 500 organisations: the real ones, then plausible agencies spread
 * across the departments.
 */
export function organisationsFor(count: number): SeedOrganisation[] {
  const list: SeedOrganisation[] = [...ORGANISATIONS];
  const departments = ORGANISATIONS.filter((o) => o.type !== "AGENCY");
  let i = 0;
  while (list.length < count) {
    const parent = departments[i % departments.length]!;
    const region = REGIONS[Math.floor(i / FUNCTIONS.length) % REGIONS.length]!;
    const fn = FUNCTIONS[i % FUNCTIONS.length]!;
    const n = Math.floor(i / (FUNCTIONS.length * REGIONS.length)) + 1;
    list.push({
      name: `${region} ${fn} Agency${n > 1 ? ` ${n}` : ""} (${parent.acronym})`,
      acronym: `${parent.acronym}-A${String(i + 1).padStart(3, "0")}`,
      type: "AGENCY",
      parent: parent.acronym,
      weight: 1,
      sensitiveShare: parent.sensitiveShare / 2,
    });
    i++;
  }
  return list.slice(0, Math.max(count, ORGANISATIONS.length));
}
