"use client";

import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { CHART_FONT_SIZE, GRID_COLOUR, monthYear, numberFormat, TEXT_COLOUR, toTime } from "./chart-theme";
import { useIsClient } from "./use-is-client";

export interface BurnDownChartProps {
  points: { date: string; coveredRemaining: number; coveredRemoved: number }[];
  deadline: string;
  deadlineLabel: string;
}

/** Covered equipment still on controlled sites, and removed, over time, with the removal deadline. */
export function BurnDownChart({ points, deadline, deadlineLabel }: BurnDownChartProps) {
  const isClient = useIsClient();
  // The server sends the space the chart will take; the data is prepared only in the browser.
  if (!isClient) return <div style={{ height: 420 }} />;
  const data = points.map((p) => ({ ...p, t: toTime(p.date) }));
  const deadlineTime = toTime(deadline);
  const times = data.map((d) => d.t);
  const domain: [number, number] = [Math.min(deadlineTime, ...times), Math.max(deadlineTime, ...times)];
  const tick = { fill: TEXT_COLOUR, fontSize: CHART_FONT_SIZE };
  return (
    <ResponsiveContainer width="100%" height={420} initialDimension={{ width: 900, height: 420 }}>
      <LineChart data={data} margin={{ top: 40, right: 30, bottom: 10, left: 10 }} accessibilityLayer={false}>
        <CartesianGrid stroke={GRID_COLOUR} />
        <XAxis dataKey="t" type="number" scale="time" domain={domain} tickFormatter={monthYear} tick={tick} stroke={TEXT_COLOUR} minTickGap={30} />
        <YAxis allowDecimals={false} tickFormatter={(v: number) => numberFormat.format(v)} tick={tick} stroke={TEXT_COLOUR} width={80} />
        <ReferenceLine
          x={deadlineTime}
          stroke={TEXT_COLOUR}
          strokeWidth={3}
          strokeDasharray="8 4"
          label={{ value: deadlineLabel, position: "top", fill: TEXT_COLOUR, fontSize: CHART_FONT_SIZE, fontWeight: 700 }}
        />
        <Line dataKey="coveredRemaining" name="Remaining on controlled sites" stroke="#d4351c" strokeWidth={4} dot={false} isAnimationActive={false} />
        <Line dataKey="coveredRemoved" name="Removed" stroke="#00703c" strokeWidth={4} strokeDasharray="10 5" dot={false} isAnimationActive={false} />
        <Legend wrapperStyle={{ fontSize: CHART_FONT_SIZE }} formatter={(value: string) => <span style={{ color: TEXT_COLOUR }}>{value}</span>} />
      </LineChart>
    </ResponsiveContainer>
  );
}
