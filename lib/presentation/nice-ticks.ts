// Round numbers for a chart's value axis: the axis stops at the first round number at or above the
// data, not at a far larger one (an axis to 2,000 for data of at most 1,075 makes every line look
// flat), and each step is 1, 2, 2.5 or 5 times a power of ten, as people count. Pure; used by the
// dashboard's charts in the browser and open to the report builders.

const MULTIPLIERS = [1, 2, 2.5, 5, 10] as const;

/**
 * Ticks from 0 to the first round number at or above `max`, about `target` steps apart.
 * Counts only: steps are whole numbers (at least 1), so a small maximum gives ticks 0, 1, 2 …
 * `niceTicks(1075)` is [0, 250, 500, 750, 1000, 1250].
 */
export function niceTicks(max: number, target = 5): number[] {
  const top = Number.isFinite(max) && max > 0 ? max : 0;
  if (top === 0) return [0, 1];
  const rough = top / Math.max(1, Math.floor(target));
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  let step = 10 * magnitude;
  for (const m of MULTIPLIERS) {
    const candidate = m * magnitude;
    if (candidate >= rough && Number.isInteger(candidate)) {
      step = candidate;
      break;
    }
  }
  step = Math.max(1, step);
  const end = Math.ceil(top / step) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= end; v += step) ticks.push(v);
  return ticks;
}
