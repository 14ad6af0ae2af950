import { ScatterChart, type ScatterSeriesOption } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useMemo } from "react";
import { useEChart } from "../components/use-echart";
import { groupColor, groupLetter, groupSymbols, people, unclusteredColor } from "./alignment-labels";
import type { AlignmentGroup, AlignmentPoint } from "./alignment-types";

echarts.use([ScatterChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type ChartOption = echarts.ComposeOption<ScatterSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/** The chart's accessible name: what it shows in one sentence (the table beside it has the rest). */
export function describeParticipantMap(points: readonly AlignmentPoint[], groups: readonly AlignmentGroup[]): string {
  const mine = points.find((p) => p.isMe);
  const parts = groups.map((g) => `group ${g.label} with ${people(g.size)}`);
  const unclustered = points.filter((p) => p.group === null).length;
  return (
    `Participant map: ${people(points.length)} in ${groups.length} ${groups.length === 1 ? "group" : "groups"}` +
    (parts.length ? ` (${parts.join(", ")})` : "") +
    (unclustered ? `; ${unclustered} not yet in a group` : "") +
    (mine ? `; you are ${mine.group === null ? "not yet in a group" : `in group ${groupLetter(mine.group)}`}` : "") +
    ". The table below lists the same."
  );
}

/** Points of one series, with participants at the same place (people who voted alike) merged into one bigger point. */
function stack(points: readonly AlignmentPoint[]): { value: [number, number, number] }[] {
  const byPlace = new Map<string, { x: number; y: number; count: number }>();
  for (const p of points) {
    const key = `${p.x.toFixed(3)}:${p.y.toFixed(3)}`;
    const known = byPlace.get(key);
    if (known) known.count += 1;
    else byPlace.set(key, { x: p.x, y: p.y, count: 1 });
  }
  return [...byPlace.values()].map((p) => ({ value: [p.x, p.y, p.count] }));
}

const sizeOf = (value: unknown) => (Array.isArray(value) && typeof value[2] === "number" ? 10 + 5 * Math.sqrt(value[2] - 1) : 10);

/** An axis range with a margin, so points never sit on the chart's edge (even when all share one value). */
function rangeOf(values: readonly number[]): { min: number; max: number } {
  const low = Math.min(...values, 0);
  const high = Math.max(...values, 0);
  const margin = Math.max((high - low) * 0.15, 0.5);
  return { min: low - margin, max: high + margin };
}

function buildOption(points: readonly AlignmentPoint[], groups: readonly AlignmentGroup[]): ChartOption {
  const series: ScatterSeriesOption[] = groups.map((g) => ({
    type: "scatter",
    name: `Group ${g.label} (${g.size})`,
    symbol: groupSymbols[g.id % groupSymbols.length] ?? "circle",
    symbolSize: sizeOf,
    itemStyle: { color: groupColor(g.id), opacity: 0.85 },
    data: stack(points.filter((p) => p.group === g.id)),
  }));
  const unclustered = points.filter((p) => p.group === null);
  if (unclustered.length > 0) {
    series.push({ type: "scatter", name: "Not in a group yet", symbol: "emptyCircle", symbolSize: sizeOf, itemStyle: { color: unclusteredColor }, data: stack(unclustered) });
  }
  const me = points.find((p) => p.isMe);
  if (me) {
    series.push({
      type: "scatter",
      name: "You",
      symbol: "circle",
      symbolSize: 24,
      z: 10,
      itemStyle: { color: "transparent", borderColor: "#1a1b1e", borderWidth: 3 },
      label: { show: true, formatter: "You", position: "top", color: "#1a1b1e", fontWeight: "bold" },
      data: [[me.x, me.y]],
    });
  }
  // The axes are the two main directions of disagreement: their numbers mean nothing to a reader.
  const axis = (values: number[]) => ({
    type: "value" as const,
    ...rangeOf(values),
    axisLabel: { show: false },
    axisTick: { show: false },
    axisLine: { show: false },
    splitLine: { lineStyle: { color: "#e9ecef" } },
  });
  return {
    animation: false,
    grid: { left: 8, right: 8, top: 16, bottom: 48, containLabel: false },
    legend: { bottom: 0, type: "plain", textStyle: { color: "#1a1b1e" } },
    tooltip: {
      trigger: "item",
      formatter: (params) => {
        if (Array.isArray(params)) return "";
        const count = Array.isArray(params.value) && typeof params.value[2] === "number" ? params.value[2] : 1;
        return `${params.seriesName ?? ""}: ${people(count)} here`;
      },
    },
    xAxis: axis(points.map((p) => p.x)),
    yAxis: axis(points.map((p) => p.y)),
    series,
  };
}

/**
 * The participant map: one anonymous point per participant, placed by how they voted (two main
 * components), coloured and shaped by opinion group; people who voted alike share one bigger point;
 * the viewer's own point is ringed.
 */
export function ParticipantMapChart({ points, groups }: { points: readonly AlignmentPoint[]; groups: readonly AlignmentGroup[] }) {
  const option = useMemo(() => buildOption(points, groups), [points, groups]);
  const container = useEChart(option);

  return <div ref={container} role="img" aria-label={describeParticipantMap(points, groups)} style={{ width: "100%", height: 340 }} />;
}
