import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, withQuery } from "../api/client";
import type { Page } from "../api/types";
import type { DecisionLogEntry, DecisionLogFilter, NewProposal, PositionValueView, ProposalSummary, ProposalView } from "./decision-types";

export const decisionKeys = {
  all: (allianceId: string) => ["alliance", allianceId, "decisions"] as const,
  proposals: (allianceId: string, state: "open" | "closed") => ["alliance", allianceId, "decisions", "proposals", state] as const,
  proposal: (allianceId: string, proposalId: string) => ["alliance", allianceId, "decisions", "proposal", proposalId] as const,
  log: (allianceId: string, filter: DecisionLogFilter) => ["alliance", allianceId, "decisions", "log", filter] as const,
};

export const proposalPageSize = 20;
export const logPageSize = 20;

const base = (allianceId: string) => `/api/v1/alliances/${allianceId}`;

/** Open or closed proposals, newest first, a page at a time. */
export function useProposals(allianceId: string, state: "open" | "closed") {
  return useInfiniteQuery({
    queryKey: decisionKeys.proposals(allianceId, state),
    queryFn: ({ pageParam }) => api.get<Page<ProposalSummary>>(`${base(allianceId)}/proposals`, { state, limit: proposalPageSize, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useProposal(allianceId: string, proposalId: string) {
  return useQuery({ queryKey: decisionKeys.proposal(allianceId, proposalId), queryFn: () => api.get<ProposalView>(`${base(allianceId)}/proposals/${proposalId}`) });
}

/** Every change to a proposal answers with the proposal: keep it, and let the lists refresh. */
function useProposalMutation<I>(allianceId: string, proposalId: string, send: (input: I) => Promise<ProposalView>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async (view) => {
      queryClient.setQueryData(decisionKeys.proposal(allianceId, proposalId), view);
      await queryClient.invalidateQueries({ queryKey: ["alliance", allianceId, "decisions", "proposals"] });
      await queryClient.invalidateQueries({ queryKey: ["alliance", allianceId, "decisions", "log"] });
    },
  });
}

export function useCreateProposal(allianceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewProposal) => api.post<ProposalView>(`${base(allianceId)}/proposals`, input),
    onSuccess: async (view) => {
      queryClient.setQueryData(decisionKeys.proposal(allianceId, view.id), view);
      await queryClient.invalidateQueries({ queryKey: ["alliance", allianceId, "decisions", "proposals"] });
    },
  });
}

export function useUpdateProposal(allianceId: string, proposalId: string) {
  return useProposalMutation(allianceId, proposalId, (input: { version: number; title?: string; body?: string; closesAt?: string | null }) =>
    api.patch<ProposalView>(`${base(allianceId)}/proposals/${proposalId}`, input),
  );
}

export function useTakePosition(allianceId: string, proposalId: string) {
  return useProposalMutation(allianceId, proposalId, (input: { value: PositionValueView; reason?: string | null; seatId?: string | null }) =>
    api.post<ProposalView>(`${base(allianceId)}/proposals/${proposalId}/positions`, input),
  );
}

export function useRespondToObjection(allianceId: string, proposalId: string) {
  return useProposalMutation(allianceId, proposalId, (input: { positionId: string; kind: "addressed" | "integrated"; note: string; revisedBody?: string; version?: number }) => {
    const { positionId, ...body } = input;
    return api.post<ProposalView>(`${base(allianceId)}/proposals/${proposalId}/objections/${positionId}/responses`, body);
  });
}

export function useRecordAdviceDecision(allianceId: string, proposalId: string) {
  return useProposalMutation(allianceId, proposalId, (input: { decision: "adopt" | "reject"; note: string; adviceTaken: string[] }) =>
    api.post<ProposalView>(`${base(allianceId)}/proposals/${proposalId}/advice-decision`, input),
  );
}

export function useCloseProposal(allianceId: string, proposalId: string) {
  return useProposalMutation(allianceId, proposalId, (input: { version?: number }) => api.post<ProposalView>(`${base(allianceId)}/proposals/${proposalId}/close`, input));
}

export function useRecordOutcome(allianceId: string, proposalId: string) {
  return useProposalMutation(allianceId, proposalId, (input: { statement: string; reviewOn: string; version?: number }) =>
    api.put<ProposalView>(`${base(allianceId)}/proposals/${proposalId}/outcome`, input),
  );
}

function logQuery(filter: DecisionLogFilter) {
  return { q: filter.q?.trim() || undefined, method: filter.method || undefined, result: filter.result || undefined, reviewDueOn: filter.reviewDueOn || undefined };
}

/** The decision log, most recently closed first, filtered, a page at a time. */
export function useDecisionLog(allianceId: string, filter: DecisionLogFilter) {
  return useInfiniteQuery({
    queryKey: decisionKeys.log(allianceId, filter),
    queryFn: ({ pageParam }) => api.get<Page<DecisionLogEntry>>(`${base(allianceId)}/decision-log`, { ...logQuery(filter), limit: logPageSize, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: (previous) => previous,
  });
}

/** The address of the decision log's export (CSV or Markdown) with the same filters; the browser downloads it. */
export function decisionLogExportUrl(allianceId: string, filter: DecisionLogFilter, format: "csv" | "markdown"): string {
  return withQuery(`${base(allianceId)}/decision-log/export`, { ...logQuery(filter), format });
}
