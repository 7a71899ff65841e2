"use client";

import { CartesianGrid, Legend, Line, LineChart, ReferenceDot, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { niceTicks } from "@/lib/presentation/nice-ticks";
import { markerDot } from "./chart-marker";
import { CHART_FONT_SIZE, GRID_COLOUR, LABEL_HEIGHT, markedDates, monthYear, numberFormat, SERIES_STYLES, TEXT_COLOUR, toTime } from "./chart-theme";
import { endLabels } from "./end-labels";
import { useIsClient } from "./use-is-client";

export interface TrendChartProps {
  series: { acronym: string; points: { date: string; coveredRemaining: number }[] }[];
  deadline: string;
  /** What the chart shows, read out in place of the picture. */
  label: string;
}

const HEIGHT = 440;
const MARGIN = { top: 20, right: 190, bottom: 10, left: 10 };
const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom - 30 - 40;

/**
 * Covered equipment remaining, one line per department, each with its own colour, dash and marker
 * shape, and named at its end (departments that end on the same figure share a label).
 */
export function TrendChart({ series, deadline, label }: TrendChartProps) {
  const isClient = useIsClient();
  // The server sends the space the chart will take; the data is prepared only in the browser.
  if (!isClient) return <div style={{ height: HEIGHT }} />;
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
  const ticks = niceTicks(Math.max(0, ...series.flatMap((s) => s.points.map((p) => p.coveredRemaining))));
  const top = ticks.at(-1) ?? 1;
  const allDates = [...new Set(series.flatMap((s) => s.points.map((p) => p.date)))].sort();
  const marked = new Set([...markedDates(allDates)].map(toTime));
  const ends = series.flatMap((s) => {
    const last = s.points.at(-1);
    return last ? [{ name: s.acronym, value: last.coveredRemaining, t: toTime(last.date) }] : [];
  });
  const lastTime = Math.max(...ends.map((e) => e.t));
  const labels = endLabels(ends, top, (top * LABEL_HEIGHT) / PLOT_HEIGHT);
  const tick = { fill: TEXT_COLOUR, fontSize: CHART_FONT_SIZE };
  return (
    <ResponsiveContainer width="100%" height={HEIGHT} initialDimension={{ width: 900, height: HEIGHT }}>
      <LineChart data={data} margin={MARGIN} accessibilityLayer={false} role="img" aria-label={label}>
        <CartesianGrid stroke={GRID_COLOUR} />
        <XAxis dataKey="t" type="number" scale="time" domain={domain} tickFormatter={monthYear} tick={tick} stroke={TEXT_COLOUR} minTickGap={30} />
        <YAxis domain={[0, top]} ticks={ticks} allowDecimals={false} tickFormatter={(v: number) => numberFormat.format(v)} tick={tick} stroke={TEXT_COLOUR} width={80} />
        <ReferenceLine x={deadlineTime} stroke={TEXT_COLOUR} strokeWidth={3} strokeDasharray="8 4" />
        {series.map((s, i) => {
          const style = SERIES_STYLES[i % SERIES_STYLES.length] ?? { colour: TEXT_COLOUR, dash: "", marker: "circle" as const };
          return (
            <Line
              key={s.acronym}
              dataKey={s.acronym}
              name={s.acronym}
              stroke={style.colour}
              strokeDasharray={style.dash || undefined}
              strokeWidth={4}
              dot={markerDot(marked, style.marker, style.colour)}
              activeDot={false}
              legendType={style.marker}
              connectNulls
              isAnimationActive={false}
            />
          );
        })}
        {Number.isFinite(lastTime)
          ? labels.map((l) => (
              <ReferenceDot
                key={l.names.join()}
                x={lastTime}
                y={l.y}
                r={0}
                ifOverflow="visible"
                label={{ value: `${l.names.join(", ")}: ${numberFormat.format(l.value)}`, position: "right", fill: TEXT_COLOUR, fontSize: CHART_FONT_SIZE, fontWeight: 700 }}
              />
            ))
          : null}
        <Legend wrapperStyle={{ fontSize: CHART_FONT_SIZE }} formatter={(value: string) => <span style={{ color: TEXT_COLOUR }}>{value}</span>} />
      </LineChart>
    </ResponsiveContainer>
  );
}
