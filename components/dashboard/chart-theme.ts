import type { SymbolType } from "recharts";

// Shared by the charts: large type and strong colours that survive a projector, and dash patterns,
// marker shapes and direct labels so that no line is told apart by colour alone.

export const CHART_FONT_SIZE = 18;
export const TEXT_COLOUR = "#0b0c0c";
export const GRID_COLOUR = "#b1b4b6";

export const STATUS_COLOURS: Record<string, string> = {
  RED: "#d4351c",
  AMBER: "#f47738",
  GREEN: "#00703c",
  NO_DATA: "#505a5f",
};

export const SERIES_STYLES: readonly { colour: string; dash: string; marker: SymbolType }[] = [
  { colour: "#1d70b8", dash: "", marker: "circle" },
  { colour: "#d4351c", dash: "10 5", marker: "square" },
  { colour: "#00703c", dash: "3 5", marker: "triangle" },
  { colour: "#4c2c92", dash: "14 5 3 5", marker: "diamond" },
  { colour: "#0b0c0c", dash: "6 3", marker: "cross" },
  { colour: "#7a3e00", dash: "2 2", marker: "star" },
];

/** Label text is this tall, in pixels, for keeping direct labels apart. */
export const LABEL_HEIGHT = CHART_FONT_SIZE + 6;

/**
 * Which points carry a marker: the last of each month and the very last. The charts plot month
 * ends and then every day of the last two weeks; a marker on each of those days would be a smudge.
 */
export function markedDates(dates: readonly string[]): Set<string> {
  const marked = new Set<string>();
  dates.forEach((d, i) => {
    const next = dates[i + 1];
    if (next === undefined || next.slice(0, 7) !== d.slice(0, 7)) marked.add(d);
  });
  return marked;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "Apr 2025" from an ISO date or epoch milliseconds. */
export function monthYear(value: string | number): string {
  const d = new Date(typeof value === "number" ? value : `${value}T00:00:00Z`);
  return `${MONTHS[d.getUTCMonth()] ?? ""} ${d.getUTCFullYear()}`;
}

export function toTime(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`);
}

export const numberFormat = new Intl.NumberFormat("en-GB");
