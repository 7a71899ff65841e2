// The design system's date input, as a person fills it in: the Day, Month and Year fields inside
// the group its legend names.
import type { Page } from "@playwright/test";

function group(page: Page, legend: string) {
  return page.getByRole("group", { name: legend });
}

/** Types an ISO date into the date input with this legend: "2024-03-05" → 5, 3, 2024. */
export async function fillDate(page: Page, legend: string, iso: string): Promise<void> {
  const [year = "", month = "", day = ""] = iso.split("-");
  const fields = group(page, legend);
  await fields.getByLabel("Day").fill(day === "" ? "" : String(Number(day)));
  await fields.getByLabel("Month").fill(month === "" ? "" : String(Number(month)));
  await fields.getByLabel("Year").fill(year);
}

/** What the date input with this legend holds, as an ISO date. */
export async function dateValue(page: Page, legend: string): Promise<string> {
  const fields = group(page, legend);
  const [day, month, year] = await Promise.all(["Day", "Month", "Year"].map((label) => fields.getByLabel(label).inputValue()));
  return `${year}-${month!.padStart(2, "0")}-${day!.padStart(2, "0")}`;
}
