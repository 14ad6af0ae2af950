import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, isApiError } from "../api/client";
import type { Page } from "../api/types";
import type {
  CommitmentDetail,
  CommitmentNetwork,
  CommitmentSummary,
  Ledger,
  LoopCounts,
  LoopCountsEverywhere,
  LoopPage,
  LoopSide,
  MoveInput,
  NewCommitmentInput,
  NotificationPage,
  SeatLedger,
} from "./types";

/** Every commitments query starts with "commitments", so one invalidation refreshes them all. */
export const commitmentKeys = {
  all: ["commitments"] as const,
  alliance: (allianceId: string) => ["commitments", allianceId] as const,
  navCounts: ["commitments", "nav-counts"] as const,
  unread: ["commitments", "unread-notifications"] as const,
  notifications: (unreadOnly: boolean) => ["commitments", "notifications", unreadOnly] as const,
  counts: (allianceId: string) => ["commitments", allianceId, "counts"] as const,
  loops: (allianceId: string, side: LoopSide, filters: LoopFilters) => ["commitments", allianceId, "loops", side, filters] as const,
  list: (allianceId: string, filters: CommitmentFilters) => ["commitments", allianceId, "list", filters] as const,
  detail: (allianceId: string, commitmentId: string) => ["commitments", allianceId, "detail", commitmentId] as const,
  ledger: (allianceId: string, period: Period) => ["commitments", allianceId, "ledger", period] as const,
  seatLedger: (allianceId: string, seatId: string, period: Period) => ["commitments", allianceId, "seat-ledger", seatId, period] as const,
  network: (allianceId: string, period: Period) => ["commitments", allianceId, "network", period] as const,
  escalations: (allianceId: string) => ["commitments", allianceId, "escalations"] as const,
};

export interface LoopFilters {
  q?: string;
  overdue?: boolean;
}

export interface CommitmentFilters {
  q?: string;
  status?: "open" | "closed" | "all";
  mine?: boolean;
  overdue?: boolean;
  seatId?: string;
}

/** A period as ISO instants; both ends optional. */
export interface Period {
  from?: string;
  to?: string;
}

const loopPageSize = 20;
const listPageSize = 25;

/** My loops in one alliance on one side (what waits on me, what I wait on), overdue first, a page at a time. */
export function useLoops(allianceId: string, side: LoopSide, filters: LoopFilters = {}) {
  return useInfiniteQuery({
    queryKey: commitmentKeys.loops(allianceId, side, filters),
    queryFn: ({ pageParam }) =>
      api.get<LoopPage>(`/api/v1/alliances/${allianceId}/commitments/loops`, {
        list: side,
        limit: loopPageSize,
        cursor: pageParam,
        q: filters.q?.trim() || undefined,
        overdue: filters.overdue ? "true" : undefined,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: (previous) => previous,
  });
}

/** Counts of my open loops in every alliance (for the navigation and the all-alliances page). */
export function useLoopCountsEverywhere(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: commitmentKeys.navCounts,
    queryFn: () => api.get<LoopCountsEverywhere>("/api/v1/commitments/loops/counts"),
    enabled: options.enabled ?? true,
    refetchInterval: 60_000,
  });
}

/** Counts of my open loops in one alliance. */
export function useLoopCounts(allianceId: string) {
  return useQuery({ queryKey: commitmentKeys.counts(allianceId), queryFn: () => api.get<LoopCounts>(`/api/v1/alliances/${allianceId}/commitments/loops/counts`) });
}

/** How many notifications I have not read yet. */
export function useUnreadNotifications(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: commitmentKeys.unread,
    queryFn: () => api.get<{ total: number; byAlliance: { allianceId: string | null; count: number }[] }>("/api/v1/notifications/unread-count"),
    enabled: options.enabled ?? true,
    refetchInterval: 60_000,
  });
}

/** My notifications, newest first. */
export function useNotifications(unreadOnly: boolean) {
  return useInfiniteQuery({
    queryKey: commitmentKeys.notifications(unreadOnly),
    queryFn: ({ pageParam }) => api.get<NotificationPage>("/api/v1/notifications", { limit: 20, cursor: pageParam, unread: unreadOnly ? "true" : undefined }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useMarkNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { ids?: string[]; all?: true }) => api.post<{ marked: number }>("/api/v1/notifications/read", input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["commitments", "notifications"] }).then(() => queryClient.invalidateQueries({ queryKey: commitmentKeys.unread })),
  });
}

/** The alliance's commitments I may see, filtered, a page at a time. */
export function useCommitmentList(allianceId: string, filters: CommitmentFilters) {
  return useInfiniteQuery({
    queryKey: commitmentKeys.list(allianceId, filters),
    queryFn: ({ pageParam }) =>
      api.get<Page<CommitmentSummary>>(`/api/v1/alliances/${allianceId}/commitments`, {
        limit: listPageSize,
        cursor: pageParam,
        q: filters.q?.trim() || undefined,
        status: filters.status ?? "all",
        mine: filters.mine ? "true" : undefined,
        overdue: filters.overdue ? "true" : undefined,
        seatId: filters.seatId,
        sort: "updated",
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: (previous) => previous,
  });
}

export function useCommitment(allianceId: string, commitmentId: string) {
  return useQuery({ queryKey: commitmentKeys.detail(allianceId, commitmentId), queryFn: () => api.get<CommitmentDetail>(`/api/v1/alliances/${allianceId}/commitments/${commitmentId}`) });
}

/** Makes a move; the answer is the commitment as it stands after it. */
export function useMoveCommitment(allianceId: string, commitmentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MoveInput) => api.post<CommitmentDetail>(`/api/v1/alliances/${allianceId}/commitments/${commitmentId}/moves`, input),
    onSuccess: async (detail) => {
      queryClient.setQueryData(commitmentKeys.detail(allianceId, commitmentId), detail);
      await queryClient.invalidateQueries({ queryKey: commitmentKeys.all, predicate: (query) => query.queryKey[3] !== commitmentId });
    },
    // Someone moved first: the answer carries the commitment as it stands; show it at once.
    onError: (error) => {
      const current = isApiError(error) ? error.details?.current : undefined;
      if (current && typeof current === "object") queryClient.setQueryData(commitmentKeys.detail(allianceId, commitmentId), current as CommitmentDetail);
    },
  });
}

export function useNudgeCommitment(allianceId: string, commitmentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { message?: string }) => api.post<{ reason: string }>(`/api/v1/alliances/${allianceId}/commitments/${commitmentId}/nudges`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: commitmentKeys.detail(allianceId, commitmentId) }),
  });
}

export function useCreateCommitment(allianceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewCommitmentInput) => api.post<CommitmentDetail>(`/api/v1/alliances/${allianceId}/commitments`, input),
    onSuccess: async (detail) => {
      queryClient.setQueryData(commitmentKeys.detail(allianceId, detail.id), detail);
      await queryClient.invalidateQueries({ queryKey: commitmentKeys.all });
    },
  });
}

export function useLedger(allianceId: string, period: Period) {
  return useQuery({
    queryKey: commitmentKeys.ledger(allianceId, period),
    queryFn: () => api.get<Ledger>(`/api/v1/alliances/${allianceId}/commitments/ledger`, { from: period.from, to: period.to }),
    placeholderData: (previous) => previous,
  });
}

export function useSeatLedger(allianceId: string, seatId: string, period: Period) {
  return useQuery({
    queryKey: commitmentKeys.seatLedger(allianceId, seatId, period),
    queryFn: () => api.get<SeatLedger>(`/api/v1/alliances/${allianceId}/commitments/ledger/seats/${seatId}`, { from: period.from, to: period.to }),
    placeholderData: (previous) => previous,
  });
}

export function useNetwork(allianceId: string, period: Period) {
  return useQuery({
    queryKey: commitmentKeys.network(allianceId, period),
    queryFn: () => api.get<CommitmentNetwork>(`/api/v1/alliances/${allianceId}/commitments/network`, { from: period.from, to: period.to }),
    placeholderData: (previous) => previous,
  });
}

/** Open loops overdue by more than a week, most overdue first (what a facilitator follows up). */
export function useEscalations(allianceId: string, enabled: boolean) {
  return useQuery({
    queryKey: commitmentKeys.escalations(allianceId),
    queryFn: () => api.get<{ items: CommitmentSummary[] }>(`/api/v1/alliances/${allianceId}/commitments/escalations`, { limit: 20 }),
    enabled,
  });
}
