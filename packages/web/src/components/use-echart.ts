import * as echarts from "echarts/core";
import { useEffect, useRef, type RefObject } from "react";

/**
 * An ECharts instance (canvas) on the returned div for as long as it is mounted: it follows the
 * div's size, takes `option` afresh whenever it changes, and `onClick` hears clicks on the chart.
 * Each chart module registers the chart types and components it uses (echarts.use) itself.
 */
export function useEChart(option: echarts.EChartsCoreOption, onClick?: (params: echarts.ECElementEvent) => void): RefObject<HTMLDivElement | null> {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickHandler = useRef(onClick);
  useEffect(() => {
    clickHandler.current = onClick;
  }, [onClick]);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = echarts.init(element, undefined, { renderer: "canvas" });
    chart.current = instance;
    instance.on("click", (params) => clickHandler.current?.(params));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return container;
}
