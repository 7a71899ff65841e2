"use client";

import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { niceTicks } from "@/lib/presentation/nice-ticks";
import { CHART_FONT_SIZE, GRID_COLOUR, STATUS_COLOURS, TEXT_COLOUR } from "./chart-theme";
import { useIsClient } from "./use-is-client";

export interface StatusChartProps {
  data: { label: string; status: string; count: number }[];
  /** What the chart shows, read out in place of the picture. */
  label: string;
}

/** Organisations by status, as horizontal bars labelled in words and numbers. */
export function StatusChart({ data, label }: StatusChartProps) {
  const isClient = useIsClient();
  const tick = { fill: TEXT_COLOUR, fontSize: CHART_FONT_SIZE };
  if (!isClient) return <div style={{ height: 80 * data.length + 40 }} />;
  const ticks = niceTicks(Math.max(0, ...data.map((d) => d.count)));
  return (
    <ResponsiveContainer width="100%" height={80 * data.length + 40} initialDimension={{ width: 800, height: 80 * data.length + 40 }}>
      <BarChart data={data} layout="vertical" margin={{ top: 10, right: 60, bottom: 10, left: 10 }} accessibilityLayer={false} role="img" aria-label={label}>
        <CartesianGrid horizontal={false} stroke={GRID_COLOUR} />
        <XAxis type="number" domain={[0, ticks.at(-1) ?? 1]} ticks={ticks} allowDecimals={false} tick={tick} stroke={TEXT_COLOUR} />
        <YAxis type="category" dataKey="label" width={220} tick={tick} stroke={TEXT_COLOUR} />
        <Bar dataKey="count" isAnimationActive={false} stroke={TEXT_COLOUR} strokeWidth={1}>
          {data.map((d) => (
            <Cell key={d.status} fill={STATUS_COLOURS[d.status] ?? TEXT_COLOUR} />
          ))}
          <LabelList dataKey="count" position="right" fill={TEXT_COLOUR} fontSize={CHART_FONT_SIZE + 4} fontWeight={700} />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
