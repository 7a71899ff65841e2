// One formatter for the process: building an Intl.DateTimeFormat is costly, and forms and imports
// ask for today once per date field.
const london = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" });

/** Today's date in the UK, as an ISO date: the as-of date of "now" for the whole service. */
export function todayInLondon(now: Date = new Date()): string {
  const parts = london.formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}
