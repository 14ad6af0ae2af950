import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../api/client";
import type { Page } from "../api/types";
import type {
  AlignmentLinkKind,
  AlignmentMap,
  AlignmentMapSummary,
  AlignmentModeration,
  AlignmentModerationOutcome,
  AlignmentNext,
  AlignmentResults,
  AlignmentStatement,
  AlignmentVote,
  CharterClauses,
  ProposalRef,
} from "./alignment-types";

const base = (allianceId: string) => `/api/v1/alliances/${allianceId}/alignment-maps`;

export const alignmentKeys = {
  all: (allianceId: string) => ["alliance", allianceId, "alignment"] as const,
  list: (allianceId: string) => ["alliance", allianceId, "alignment", "list"] as const,
  map: (allianceId: string, mapId: string) => ["alliance", allianceId, "alignment", mapId] as const,
  statements: (allianceId: string, mapId: string, moderation?: AlignmentModeration) => ["alliance", allianceId, "alignment", mapId, "statements", moderation ?? "all"] as const,
  next: (allianceId: string, mapId: string) => ["alliance", allianceId, "alignment", mapId, "next"] as const,
  results: (allianceId: string, mapId: string) => ["alliance", allianceId, "alignment", mapId, "results"] as const,
};

export const alignmentMapPageSize = 20;
export const alignmentStatementPageSize = 50;

/** The alliance's alignment maps I may see, newest first, a page at a time. */
export function useAlignmentMaps(allianceId: string) {
  return useInfiniteQuery({
    queryKey: alignmentKeys.list(allianceId),
    queryFn: ({ pageParam }) => api.get<Page<AlignmentMapSummary>>(base(allianceId), { limit: alignmentMapPageSize, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export interface OpenAlignmentMapInput {
  question: string;
  description?: string;
  link?: { kind: AlignmentLinkKind; id: string } | null;
  statements?: string[];
}

export function useOpenAlignmentMap(allianceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: OpenAlignmentMapInput) => api.post<AlignmentMap>(base(allianceId), input),
    onSuccess: async (map) => {
      queryClient.setQueryData(alignmentKeys.map(allianceId, map.id), map);
      await queryClient.invalidateQueries({ queryKey: alignmentKeys.list(allianceId) });
    },
  });
}

export function useAlignmentMap(allianceId: string, mapId: string) {
  return useQuery({ queryKey: alignmentKeys.map(allianceId, mapId), queryFn: () => api.get<AlignmentMap>(`${base(allianceId)}/${mapId}`) });
}

/** Close or reopen a map (facilitators), sending the version read. */
export function useUpdateAlignmentMap(allianceId: string, mapId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { version: number; status?: "open" | "closed"; question?: string; description?: string }) => api.patch<AlignmentMap>(`${base(allianceId)}/${mapId}`, input),
    onSuccess: async (map) => {
      queryClient.setQueryData(alignmentKeys.map(allianceId, mapId), map);
      await queryClient.invalidateQueries({ queryKey: alignmentKeys.list(allianceId) });
      await queryClient.invalidateQueries({ queryKey: alignmentKeys.next(allianceId, mapId) });
    },
  });
}

/** A map's statements by number (facilitators see every state, others those open for voting and their own). */
export function useAlignmentStatements(allianceId: string, mapId: string, moderation?: AlignmentModeration) {
  return useInfiniteQuery({
    queryKey: alignmentKeys.statements(allianceId, mapId, moderation),
    queryFn: ({ pageParam }) => api.get<Page<AlignmentStatement>>(`${base(allianceId)}/${mapId}/statements`, { limit: alignmentStatementPageSize, cursor: pageParam, moderation }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** What changes when a statement is added or moderated: the lists, the map's counts and my queue. */
function useInvalidateStatements(allianceId: string, mapId: string) {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: [...alignmentKeys.map(allianceId, mapId), "statements"] }),
      queryClient.invalidateQueries({ queryKey: alignmentKeys.map(allianceId, mapId), exact: true }),
      queryClient.invalidateQueries({ queryKey: alignmentKeys.next(allianceId, mapId) }),
    ]);
  };
}

export function useAddAlignmentStatement(allianceId: string, mapId: string) {
  const invalidate = useInvalidateStatements(allianceId, mapId);
  return useMutation({
    mutationFn: (input: { body: string }) => api.post<AlignmentStatement>(`${base(allianceId)}/${mapId}/statements`, input),
    onSuccess: invalidate,
  });
}

export function useModerateAlignmentStatement(allianceId: string, mapId: string) {
  const invalidate = useInvalidateStatements(allianceId, mapId);
  return useMutation({
    mutationFn: (input: { statementId: string; version: number; moderation: AlignmentModerationOutcome }) =>
      api.patch<AlignmentStatement>(`${base(allianceId)}/${mapId}/statements/${input.statementId}`, { version: input.version, moderation: input.moderation }),
    // A stale version also means the list is behind: refresh it either way.
    onSettled: invalidate,
  });
}

/** The next statement for me to vote on, and my progress. */
export function useNextAlignmentStatement(allianceId: string, mapId: string, enabled: boolean) {
  return useQuery({ queryKey: alignmentKeys.next(allianceId, mapId), queryFn: () => api.get<AlignmentNext>(`${base(allianceId)}/${mapId}/next`), enabled });
}

export function useCastAlignmentVote(allianceId: string, mapId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { statementId: string; vote: AlignmentVote }) => api.post<AlignmentNext>(`${base(allianceId)}/${mapId}/votes`, input),
    onSuccess: (next) => {
      // The answer carries the next statement: show it at once, then refresh what my vote changed
      // without waiting for it, so the next vote can follow straight away.
      queryClient.setQueryData(alignmentKeys.next(allianceId, mapId), next);
      queryClient.setQueryData<AlignmentMap>(alignmentKeys.map(allianceId, mapId), (old) => (old ? { ...old, me: { hasJoined: true, progress: next.progress } } : old));
      void queryClient.invalidateQueries({ queryKey: [...alignmentKeys.map(allianceId, mapId), "statements"] });
    },
  });
}

export function useAlignmentResults(allianceId: string, mapId: string) {
  return useQuery({ queryKey: alignmentKeys.results(allianceId, mapId), queryFn: () => api.get<AlignmentResults>(`${base(allianceId)}/${mapId}/results`) });
}

/** Open proposals a new map can inform ("check alignment before deciding"). */
export function useOpenProposals(allianceId: string, enabled: boolean) {
  return useQuery({
    queryKey: ["alliance", allianceId, "proposals", "open-for-alignment"],
    queryFn: () => api.get<Page<ProposalRef>>(`/api/v1/alliances/${allianceId}/proposals`, { state: "open", limit: 50 }),
    enabled,
  });
}

/** The charter's clauses a new map can inform. */
export function useCharterClauses(allianceId: string, enabled: boolean) {
  return useQuery({
    queryKey: ["alliance", allianceId, "charter", "clauses-for-alignment"],
    queryFn: () => api.get<CharterClauses>(`/api/v1/alliances/${allianceId}/charter`),
    enabled,
  });
}

/** The proposal a map informs, for its title. */
export function useProposalTitle(allianceId: string, proposalId: string | null) {
  return useQuery({
    queryKey: ["alliance", allianceId, "proposal-title", proposalId],
    queryFn: () => api.get<ProposalRef>(`/api/v1/alliances/${allianceId}/proposals/${proposalId}`),
    enabled: proposalId !== null,
    retry: false,
  });
}
