import type { AmendmentState, CharterSetting } from "@trellis/core/charter";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, isApiError } from "../api/client";
import type { Page } from "../api/types";
import type { AmendmentComment, AmendmentSummary, AmendmentView, CharterDiff, CharterVersionList, CharterView, ProposeAmendmentInput, RenewalView } from "./types";

const base = (allianceId: string) => `/api/v1/alliances/${allianceId}`;

/** Query keys of the charter; everything of one alliance's charter sits under charterKeys.all. */
export const charterKeys = {
  all: (allianceId: string) => ["alliance", allianceId, "charter"] as const,
  view: (allianceId: string, version: number | null) => ["alliance", allianceId, "charter", "view", version ?? "current"] as const,
  versions: (allianceId: string) => ["alliance", allianceId, "charter", "versions"] as const,
  diff: (allianceId: string, from: number, to: number) => ["alliance", allianceId, "charter", "diff", from, to] as const,
  renewal: (allianceId: string) => ["alliance", allianceId, "charter", "renewal"] as const,
  amendments: (allianceId: string, states: string) => ["alliance", allianceId, "charter", "amendments", states] as const,
  amendment: (allianceId: string, amendmentId: string) => ["alliance", allianceId, "charter", "amendment", amendmentId] as const,
  comments: (allianceId: string, amendmentId: string) => ["alliance", allianceId, "charter", "amendment", amendmentId, "comments"] as const,
};

export const amendmentPageSize = 20;
export const commentPageSize = 30;

/** The charter in force, or an earlier version. */
export function useCharter(allianceId: string, version: number | null) {
  return useQuery({
    queryKey: charterKeys.view(allianceId, version),
    queryFn: () => api.get<CharterView>(`${base(allianceId)}/charter`, { version }),
    // While another version loads, the one shown stays (never another alliance's).
    placeholderData: (previous) => (previous?.allianceId === allianceId ? previous : undefined),
  });
}

export function useCharterVersions(allianceId: string) {
  return useQuery({ queryKey: charterKeys.versions(allianceId), queryFn: () => api.get<CharterVersionList>(`${base(allianceId)}/charter/versions`) });
}

export function useCharterDiff(allianceId: string, from: number | null, to: number | null) {
  return useQuery({
    queryKey: charterKeys.diff(allianceId, from ?? -1, to ?? -1),
    queryFn: () => api.get<CharterDiff>(`${base(allianceId)}/charter/diff`, { from, to }),
    enabled: from !== null && to !== null,
    placeholderData: (previous) => previous,
  });
}

export function useRenewal(allianceId: string, enabled = true) {
  return useQuery({ queryKey: charterKeys.renewal(allianceId), queryFn: () => api.get<RenewalView>(`${base(allianceId)}/charter/renewal`), enabled });
}

/** Amendments, newest first, a page at a time; states filter (empty: all). */
export function useAmendments(allianceId: string, states: readonly AmendmentState[], enabled = true) {
  const state = states.join(",");
  return useInfiniteQuery({
    queryKey: charterKeys.amendments(allianceId, state),
    queryFn: ({ pageParam }) => api.get<Page<AmendmentSummary>>(`${base(allianceId)}/amendments`, { state, limit: amendmentPageSize, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

export function useAmendment(allianceId: string, amendmentId: string) {
  return useQuery({ queryKey: charterKeys.amendment(allianceId, amendmentId), queryFn: () => api.get<AmendmentView>(`${base(allianceId)}/amendments/${amendmentId}`) });
}

/** The discussion, oldest first, a page at a time. */
export function useAmendmentComments(allianceId: string, amendmentId: string) {
  return useInfiniteQuery({
    queryKey: charterKeys.comments(allianceId, amendmentId),
    queryFn: ({ pageParam }) => api.get<Page<AmendmentComment>>(`${base(allianceId)}/amendments/${amendmentId}/comments`, { limit: commentPageSize, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** After any change: the answer is the amendment as it is now; everything else of the charter refreshes. */
function useAmendmentMutation<I>(allianceId: string, amendmentId: string, send: (input: I) => Promise<AmendmentView>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async (view) => {
      queryClient.setQueryData(charterKeys.amendment(allianceId, amendmentId), view);
      await queryClient.invalidateQueries({ queryKey: charterKeys.all(allianceId), predicate: (query) => query.queryKey[4] !== amendmentId });
    },
    // Someone changed it meanwhile (a revision, a ratification): show it as it is now.
    onError: (error) => {
      if (isApiError(error, "stale_version") || isApiError(error, "illegal_move")) void queryClient.invalidateQueries({ queryKey: charterKeys.amendment(allianceId, amendmentId), exact: true });
    },
  });
}

export function useStartCharter(allianceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<CharterView>(`${base(allianceId)}/charter`, { clauses: [] }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: charterKeys.all(allianceId) }),
  });
}

export function useProposeAmendment(allianceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ProposeAmendmentInput) => api.post<AmendmentView>(`${base(allianceId)}/amendments`, input),
    onSuccess: async (view) => {
      queryClient.setQueryData(charterKeys.amendment(allianceId, view.id), view);
      await queryClient.invalidateQueries({ queryKey: charterKeys.all(allianceId) });
    },
  });
}

export function useAnswerAmendment(allianceId: string, amendmentId: string) {
  return useAmendmentMutation(allianceId, amendmentId, (input: { draft: number; answer: "consent" | "object"; reason?: string | null; seatId?: string | null }) =>
    api.post<AmendmentView>(`${base(allianceId)}/amendments/${amendmentId}/answers`, input),
  );
}

export function useReviseAmendment(allianceId: string, amendmentId: string) {
  return useAmendmentMutation(allianceId, amendmentId, (input: { version: number; proposedText: string | null; proposedSetting?: CharterSetting | null; rationale?: string; title?: string }) =>
    api.post<AmendmentView>(`${base(allianceId)}/amendments/${amendmentId}/rebase`, input),
  );
}

export function useWithdrawAmendment(allianceId: string, amendmentId: string) {
  return useAmendmentMutation(allianceId, amendmentId, (input: { version: number }) => api.post<AmendmentView>(`${base(allianceId)}/amendments/${amendmentId}/withdraw`, input));
}

export function useRejectAmendment(allianceId: string, amendmentId: string) {
  return useAmendmentMutation(allianceId, amendmentId, (input: { version: number }) => api.post<AmendmentView>(`${base(allianceId)}/amendments/${amendmentId}/reject`, input));
}

export function useCommentOnAmendment(allianceId: string, amendmentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { body: string }) => api.post<AmendmentComment>(`${base(allianceId)}/amendments/${amendmentId}/comments`, input),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: charterKeys.comments(allianceId, amendmentId) });
      await queryClient.invalidateQueries({ queryKey: charterKeys.amendment(allianceId, amendmentId), exact: true });
    },
  });
}

function useRenewalMutation<I>(allianceId: string, send: (input: I) => Promise<RenewalView>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async (view) => {
      queryClient.setQueryData(charterKeys.renewal(allianceId), view);
      await queryClient.invalidateQueries({ queryKey: charterKeys.view(allianceId, null) });
    },
  });
}

export function useOpenRenewalRound(allianceId: string) {
  return useRenewalMutation(allianceId, () => api.post<RenewalView>(`${base(allianceId)}/charter/renewal/rounds`));
}

export function useAnswerRenewal(allianceId: string) {
  return useRenewalMutation(allianceId, (input: { answer: "reaffirm" | "concern"; reason?: string | null; seatId?: string | null }) =>
    api.post<RenewalView>(`${base(allianceId)}/charter/renewal/answers`, input),
  );
}
