"use client";

import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { CHART_FONT_SIZE, GRID_COLOUR, monthYear, numberFormat, SERIES_STYLES, TEXT_COLOUR, toTime } from "./chart-theme";
import { useIsClient } from "./use-is-client";

export interface TrendChartProps {
  series: { acronym: string; points: { date: string; coveredRemaining: number }[] }[];
  deadline: string;
}

/** Covered equipment remaining, one line per department, each with its own colour and dash. */
export function TrendChart({ series, deadline }: TrendChartProps) {
  const isClient = useIsClient();
  // The server sends the space the chart will take; the data is prepared only in the browser.
  if (!isClient) return <div style={{ height: 440 }} />;
  const byTime = new Map<number, Record<string, number>>();
  for (const s of series) {
    for (const p of s.points) {
      const t = toTime(p.date);
      const row = byTime.get(t) ?? { t };
      row[s.acronym] = p.coveredRemaining;
      byTime.set(t, row);
    }
  }
  const data = [...byTime.values()].sort((a, b) => (a.t ?? 0) - (b.t ?? 0));
  const deadlineTime = toTime(deadline);
  const times = data.map((d) => d.t ?? deadlineTime);
  const domain: [number, number] = [Math.min(deadlineTime, ...times), Math.max(deadlineTime, ...times)];
  const tick = { fill: TEXT_COLOUR, fontSize: CHART_FONT_SIZE };
  return (
    <ResponsiveContainer width="100%" height={440} initialDimension={{ width: 900, height: 440 }}>
      <LineChart data={data} margin={{ top: 20, right: 30, bottom: 10, left: 10 }} accessibilityLayer={false}>
        <CartesianGrid stroke={GRID_COLOUR} />
        <XAxis dataKey="t" type="number" scale="time" domain={domain} tickFormatter={monthYear} tick={tick} stroke={TEXT_COLOUR} minTickGap={30} />
        <YAxis allowDecimals={false} tickFormatter={(v: number) => numberFormat.format(v)} tick={tick} stroke={TEXT_COLOUR} width={80} />
        <ReferenceLine x={deadlineTime} stroke={TEXT_COLOUR} strokeWidth={3} strokeDasharray="8 4" />
        {series.map((s, i) => {
          const style = SERIES_STYLES[i % SERIES_STYLES.length] ?? { colour: TEXT_COLOUR, dash: "" };
          return (
            <Line
              key={s.acronym}
              dataKey={s.acronym}
              name={s.acronym}
              stroke={style.colour}
              strokeDasharray={style.dash || undefined}
              strokeWidth={4}
              dot={false}
              connectNulls
              isAnimationActive={false}
            />
          );
        })}
        <Legend wrapperStyle={{ fontSize: CHART_FONT_SIZE }} formatter={(value: string) => <span style={{ color: TEXT_COLOUR }}>{value}</span>} />
      </LineChart>
    </ResponsiveContainer>
  );
}
