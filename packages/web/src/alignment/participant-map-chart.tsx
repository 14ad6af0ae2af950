import { ScatterChart, type ScatterSeriesOption } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";
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

function buildOption(points: readonly AlignmentPoint[], groups: readonly AlignmentGroup[]): ChartOption {
  const series: ScatterSeriesOption[] = groups.map((g) => ({
    type: "scatter",
    name: `Group ${g.label} (${g.size})`,
    symbol: groupSymbols[g.id % groupSymbols.length] ?? "circle",
    symbolSize: 12,
    itemStyle: { color: groupColor(g.id), opacity: 0.85 },
    data: points.filter((p) => p.group === g.id).map((p) => [p.x, p.y]),
  }));
  const unclustered = points.filter((p) => p.group === null);
  if (unclustered.length > 0) {
    series.push({ type: "scatter", name: "Not in a group yet", symbol: "emptyCircle", symbolSize: 10, itemStyle: { color: unclusteredColor }, data: unclustered.map((p) => [p.x, p.y]) });
  }
  const me = points.find((p) => p.isMe);
  if (me) {
    series.push({
      type: "scatter",
      name: "You",
      symbol: "circle",
      symbolSize: 20,
      z: 10,
      itemStyle: { color: "transparent", borderColor: "#1a1b1e", borderWidth: 3 },
      label: { show: true, formatter: "You", position: "top", color: "#1a1b1e", fontWeight: "bold" },
      data: [[me.x, me.y]],
    });
  }
  // The axes are the two main directions of disagreement: their numbers mean nothing to a reader.
  const axis = { type: "value" as const, scale: true, axisLabel: { show: false }, axisTick: { show: false }, splitLine: { lineStyle: { color: "#e9ecef" } } };
  return {
    animation: false,
    grid: { left: 8, right: 8, top: 16, bottom: 48, containLabel: false },
    legend: { bottom: 0, type: "plain", textStyle: { color: "#1a1b1e" } },
    tooltip: { trigger: "item", formatter: (params) => (Array.isArray(params) ? "" : (params.seriesName ?? "")) },
    xAxis: axis,
    yAxis: axis,
    series,
  };
}

/**
 * The participant map: one anonymous point per participant, placed by how they voted (two main
 * components), coloured and shaped by opinion group; the viewer's own point is ringed.
 */
export function ParticipantMapChart({ points, groups }: { points: readonly AlignmentPoint[]; groups: readonly AlignmentGroup[] }) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = echarts.init(element, undefined, { renderer: "canvas" });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(buildOption(points, groups), { notMerge: true });
  }, [points, groups]);

  return <div ref={container} role="img" aria-label={describeParticipantMap(points, groups)} style={{ width: "100%", height: 340 }} />;
}
