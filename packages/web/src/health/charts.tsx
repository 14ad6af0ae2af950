import { LineChart, RadarChart, type LineSeriesOption, type RadarSeriesOption } from "echarts/charts";
import {
  GridComponent,
  LegendComponent,
  RadarComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type RadarComponentOption,
  type TooltipComponentOption,
} from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEChart } from "../components/use-echart";
import { dynamicLabels, dynamics, formatScore, formatShortDay } from "./health-labels";
import type { AllianceHealth, Dynamic, HealthHistory } from "./types";

echarts.use([RadarChart, LineChart, RadarComponent, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type ChartOption = echarts.ComposeOption<RadarSeriesOption | LineSeriesOption | RadarComponentOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

// Colours a reader can tell apart, dark enough on white.
const palette = ["#1864ab", "#c2255c", "#2b8a3e", "#e8590c", "#5f3dc4", "#0b7285", "#862e9c", "#5c940d"];

/** An ECharts chart on a div that follows its size; a click on a dynamic's name on the radar explains it (the cards below do the same by keyboard). */
function EChart({ option, label, height, onDynamicClick }: { option: ChartOption; label: string; height: number; onDynamicClick?: (dynamic: Dynamic) => void }) {
  const container = useEChart(option, (params) => {
    const name = (params as { name?: unknown }).name;
    const dynamic = dynamics.find((d) => dynamicLabels[d] === name || d === name);
    if (dynamic && params.componentType === "radar") onDynamicClick?.(dynamic);
  });
  return <div ref={container} role="img" aria-label={label} style={{ width: "100%", height }} />;
}

/** The radar's accessible name: the alliance's six values in one sentence (the table has the seats). */
export function describeRadar(health: AllianceHealth): string {
  const values = health.dynamics.map((d) => `${dynamicLabels[d.dynamic]} ${formatScore(d.value)}`).join(", ");
  return `Radar of the six dynamics of the alliance, out of 100: ${values}. The table below lists the same for every seat.`;
}

/** The six dynamics as a radar: the alliance, and each seat as its own line (hidden until picked in the legend when there are many). */
export function DynamicsRadar({ health, onDynamicClick }: { health: AllianceHealth; onDynamicClick: (dynamic: Dynamic) => void }) {
  const valueOf = (list: { dynamic: Dynamic; value: number | null }[], d: Dynamic) => list.find((x) => x.dynamic === d)?.value ?? 0;
  const option: ChartOption = {
    animation: false,
    color: palette,
    tooltip: { trigger: "item" },
    legend: { bottom: 0, type: "scroll", textStyle: { color: "#1a1b1e" }, selected: Object.fromEntries(health.seats.map((s) => [s.seatName, health.seats.length <= 3])) },
    radar: {
      indicator: dynamics.map((d) => ({ name: dynamicLabels[d], max: 100 })),
      radius: "62%",
      center: ["50%", "46%"],
      triggerEvent: true,
      axisName: { color: "#1a1b1e", fontSize: 13 },
      splitLine: { lineStyle: { color: "#ced4da" } },
    },
    series: [
      {
        type: "radar",
        data: [
          { name: "Alliance", value: dynamics.map((d) => valueOf(health.dynamics, d)), areaStyle: { opacity: 0.15 }, lineStyle: { width: 3 } },
          ...health.seats.map((s) => ({ name: s.seatName, value: dynamics.map((d) => valueOf(s.dynamics, d)), lineStyle: { width: 1.5, type: "dashed" as const } })),
        ],
      },
    ],
  };
  return <EChart option={option} label={describeRadar(health)} height={360} onDynamicClick={onDynamicClick} />;
}

/** The history chart's accessible name: the index at the first and last week. */
export function describeHistory(history: HealthHistory): string {
  const known = history.weeks.filter((w) => w.index !== null);
  const first = known[0];
  const last = known.at(-1);
  if (!first || !last) return `Trends over ${history.weeks.length} weeks: no index computed yet. The table below lists every week.`;
  return `Trends over ${history.weeks.length} weeks: the index went from ${formatScore(first.index)} in the week to ${formatShortDay(first.weekEnd)} to ${formatScore(last.index)} in the week to ${formatShortDay(last.weekEnd)}. The table below lists every week.`;
}

/** The index and the six dynamics week by week (the index bold, dynamics hidden until picked in the legend). */
export function HistoryChart({ history }: { history: HealthHistory }) {
  const option: ChartOption = {
    animation: false,
    color: palette,
    tooltip: { trigger: "axis" },
    legend: { bottom: 0, type: "scroll", textStyle: { color: "#1a1b1e" }, selected: Object.fromEntries(dynamics.map((d) => [dynamicLabels[d], false])) },
    grid: { left: 36, right: 12, top: 16, bottom: 56 },
    xAxis: { type: "category", data: history.weeks.map((w) => formatShortDay(w.weekEnd)), axisLabel: { color: "#1a1b1e" } },
    yAxis: { type: "value", min: 0, max: 100, axisLabel: { color: "#1a1b1e" } },
    series: [
      { type: "line", name: "Index", data: history.weeks.map((w) => w.index), lineStyle: { width: 3 }, connectNulls: false },
      ...dynamics.map((d) => ({ type: "line" as const, name: dynamicLabels[d], data: history.weeks.map((w) => w.dynamics[d] ?? null), lineStyle: { width: 1.5 }, symbol: "none" })),
    ],
  };
  return <EChart option={option} label={describeHistory(history)} height={300} />;
}
