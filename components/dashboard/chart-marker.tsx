import type { ReactElement } from "react";
import { Symbols, type SymbolType } from "recharts";

interface DotProps {
  cx?: number;
  cy?: number;
  index?: number;
  value?: unknown;
  payload?: { t?: number };
}

/**
 * A line's marker, drawn at the times given: each line has its own shape (the legend shows it), so
 * lines that run together can still be told apart without colour.
 */
export function markerDot(times: ReadonlySet<number>, type: SymbolType, colour: string) {
  return function MarkerDot({ cx, cy, index, value, payload }: DotProps): ReactElement {
    const key = `marker-${index ?? 0}`;
    const t = payload?.t;
    if (cx == null || cy == null || value == null || t === undefined || !times.has(t)) return <g key={key} />;
    return <Symbols key={key} cx={cx} cy={cy} type={type} size={110} fill={colour} stroke="#ffffff" strokeWidth={1.5} />;
  };
}
