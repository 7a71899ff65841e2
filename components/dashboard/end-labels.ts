// Direct labels at the right-hand end of a line chart's lines, so each line is named where it
// ends and not by its colour alone. Lines that end on the same value share one label ("HO, DWP:
// 0"), and labels closer than a line of text are pushed apart. Pure.

export interface LineEnd {
  name: string;
  value: number;
}

export interface EndLabel {
  names: string[];
  /** The lines' shared final value. */
  value: number;
  /** Where the label goes, in the chart's value units (may differ from value to avoid overlap). */
  y: number;
}

/**
 * @param top the value axis's top (its bottom is 0)
 * @param gap the least distance between two labels, in value units (a line of text's height
 *   divided by the plot's height, times `top`)
 */
export function endLabels(ends: readonly LineEnd[], top: number, gap: number): EndLabel[] {
  const byValue = new Map<number, string[]>();
  for (const e of ends) byValue.set(e.value, [...(byValue.get(e.value) ?? []), e.name]);
  const labels: EndLabel[] = [...byValue.entries()]
    .sort(([a], [b]) => b - a)
    .map(([value, names]) => ({ names, value, y: value }));
  // Top down, each label at least `gap` below the one above it; then bottom up, none below 0 and
  // none closer than `gap` to the one beneath; finally nothing above the axis's top.
  for (let i = 1; i < labels.length; i++) labels[i]!.y = Math.min(labels[i]!.y, labels[i - 1]!.y - gap);
  for (let i = labels.length - 1; i >= 0; i--) {
    const floor = i === labels.length - 1 ? 0 : labels[i + 1]!.y + gap;
    labels[i]!.y = Math.max(labels[i]!.y, floor);
  }
  for (const l of labels) l.y = Math.min(l.y, top);
  return labels;
}
