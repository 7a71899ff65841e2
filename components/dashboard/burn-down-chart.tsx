"use client";

import { CartesianGrid, Legend, Line, LineChart, ReferenceDot, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { niceTicks } from "@/lib/presentation/nice-ticks";
import { markerDot } from "./chart-marker";
import { CHART_FONT_SIZE, GRID_COLOUR, LABEL_HEIGHT, markedDates, monthYear, numberFormat, TEXT_COLOUR, toTime } from "./chart-theme";
import { endLabels } from "./end-labels";
import { useIsClient } from "./use-is-client";

export interface BurnDownChartProps {
  points: { date: string; coveredRemaining: number; coveredRemoved: number }[];
  deadline: string;
  deadlineLabel: string;
  /** What the chart shows, read out in place of the picture. */
  label: string;
}

const HEIGHT = 420;
const MARGIN = { top: 40, right: 190, bottom: 10, left: 10 };
// The plot's share of the height once the date axis and the legend have taken theirs.
const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom - 30 - 40;

const LINES = [
  { key: "coveredRemaining", name: "Remaining on controlled sites", short: "Remaining", colour: "#d4351c", dash: undefined, marker: "circle" },
  { key: "coveredRemoved", name: "Removed", short: "Removed", colour: "#00703c", dash: "10 5", marker: "square" },
] as const;

/** Covered equipment still on controlled sites, and removed, over time, with the removal deadline. */
export function BurnDownChart({ points, deadline, deadlineLabel, label }: BurnDownChartProps) {
  const isClient = useIsClient();
  // The server sends the space the chart will take; the data is prepared only in the browser.
  if (!isClient) return <div style={{ height: HEIGHT }} />;
  const data = points.map((p) => ({ ...p, t: toTime(p.date) }));
  const deadlineTime = toTime(deadline);
  const times = data.map((d) => d.t);
  const domain: [number, number] = [Math.min(deadlineTime, ...times), Math.max(deadlineTime, ...times)];
  const ticks = niceTicks(Math.max(0, ...points.map((p) => Math.max(p.coveredRemaining, p.coveredRemoved))));
  const top = ticks.at(-1) ?? 1;
  const marked = new Set([...markedDates(points.map((p) => p.date))].map(toTime));
  const last = points.at(-1);
  const labels = last
    ? endLabels(LINES.map((l) => ({ name: l.short, value: last[l.key] })), top, (top * LABEL_HEIGHT) / PLOT_HEIGHT)
    : [];
  const tick = { fill: TEXT_COLOUR, fontSize: CHART_FONT_SIZE };
  return (
    <ResponsiveContainer width="100%" height={HEIGHT} initialDimension={{ width: 900, height: HEIGHT }}>
      <LineChart data={data} margin={MARGIN} accessibilityLayer={false} role="img" aria-label={label}>
        <CartesianGrid stroke={GRID_COLOUR} />
        <XAxis dataKey="t" type="number" scale="time" domain={domain} tickFormatter={monthYear} tick={tick} stroke={TEXT_COLOUR} minTickGap={30} />
        <YAxis domain={[0, top]} ticks={ticks} allowDecimals={false} tickFormatter={(v: number) => numberFormat.format(v)} tick={tick} stroke={TEXT_COLOUR} width={80} />
        <ReferenceLine
          x={deadlineTime}
          stroke={TEXT_COLOUR}
          strokeWidth={3}
          strokeDasharray="8 4"
          label={{ value: deadlineLabel, position: "top", fill: TEXT_COLOUR, fontSize: CHART_FONT_SIZE, fontWeight: 700 }}
        />
        {LINES.map((l) => (
          <Line
            key={l.key}
            dataKey={l.key}
            name={l.name}
            stroke={l.colour}
            strokeWidth={4}
            strokeDasharray={l.dash}
            dot={markerDot(marked, l.marker, l.colour)}
            activeDot={false}
            legendType={l.marker}
            isAnimationActive={false}
          />
        ))}
        {last
          ? labels.map((l) => (
              <ReferenceDot
                key={l.names.join()}
                x={toTime(last.date)}
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
