import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { api } from "../api/client";
import type { AllianceHealth, ExplainTarget, HealthExplanation, HealthHistory, Portfolio, PortfolioFilters } from "./types";

/** Every health query starts with "health", so one invalidation refreshes them all. */
export const healthKeys = {
  all: ["health"] as const,
  alliance: (allianceId: string) => ["health", allianceId] as const,
  now: (allianceId: string) => ["health", allianceId, "now"] as const,
  history: (allianceId: string, weeks: number) => ["health", allianceId, "history", weeks] as const,
  explain: (allianceId: string, target: ExplainTarget) => ["health", allianceId, "explain", target.dynamic ?? null, target.signal ?? null, target.seatId] as const,
  portfolio: (filters: PortfolioFilters) => ["health", "portfolio", filters] as const,
  facilitates: ["health", "portfolio", "facilitates-any"] as const,
};

const portfolioPageSize = 25;
export const historyWeeks = 26;

/** The alliance's health now: index, dynamics, seats, perception gap and alerts. */
export function useAllianceHealth(allianceId: string) {
  return useQuery({ queryKey: healthKeys.now(allianceId), queryFn: () => api.get<AllianceHealth>(`/api/v1/alliances/${allianceId}/health`) });
}

/** The index and dynamics at the end of each of the last weeks, oldest first. */
export function useHealthHistory(allianceId: string, weeks = historyWeeks) {
  return useQuery({ queryKey: healthKeys.history(allianceId, weeks), queryFn: () => api.get<HealthHistory>(`/api/v1/alliances/${allianceId}/health/history`, { weeks }) });
}

/** Why a dynamic or a signal has its value: the signals, their contributions and the records behind them. */
export function useHealthExplanation(allianceId: string, target: ExplainTarget | null) {
  return useQuery({
    queryKey: target ? healthKeys.explain(allianceId, target) : ["health", allianceId, "explain", "none"],
    queryFn: () =>
      api.get<HealthExplanation>(`/api/v1/alliances/${allianceId}/health/explain`, {
        dynamic: target?.dynamic,
        signal: target?.signal,
        seatId: target?.seatId,
      }),
    enabled: target !== null,
  });
}

/** The alliances I facilitate with their health, sorted and filtered, a page at a time. */
export function usePortfolio(filters: PortfolioFilters) {
  return useInfiniteQuery({
    queryKey: healthKeys.portfolio(filters),
    queryFn: ({ pageParam }) => api.get<Portfolio>("/api/v1/health/portfolio", { ...filters, limit: portfolioPageSize, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: (previous) => previous,
  });
}

/** True when the signed-in person facilitates at least one alliance (the navigation shows the cockpit then). */
export function useFacilitatesAny(enabled: boolean): boolean {
  const { data } = useQuery({
    queryKey: healthKeys.facilitates,
    queryFn: () => api.get<Portfolio>("/api/v1/health/portfolio", { sort: "name", limit: 1 }),
    enabled,
    staleTime: 60_000,
  });
  return enabled && (data?.total ?? 0) > 0;
}
