import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { api, withQuery } from "../api/client";
import type { ActivityItem, Page } from "../api/types";
import { useAllianceEvents } from "../live/use-alliance-events";
import type {
  Assumption,
  AssumptionDetail,
  Breakdown,
  BreakdownDetail,
  Learning,
  LearningDetail,
  PerceptionGap,
  Pulse,
  PulseCadence,
  PulseDetail,
  PulseResults,
  PulseSettings,
  PulseTrend,
  RaisedTension,
  RecordVisibility,
  RegisterKind,
  Story,
  Tension,
  TensionDetail,
} from "./types";

/** The API's plural path for each register. */
export const registerPaths: Record<RegisterKind, string> = { breakdown: "breakdowns", tension: "tensions", assumption: "assumptions", learning: "learnings" };

export const languageKeys = {
  registers: (allianceId: string) => ["alliance", allianceId, "registers"] as const,
  list: (allianceId: string, kind: RegisterKind, filters: Record<string, string>) => ["alliance", allianceId, "registers", kind, "list", filters] as const,
  record: (allianceId: string, kind: RegisterKind, id: string) => ["alliance", allianceId, "registers", kind, "record", id] as const,
  pulses: (allianceId: string) => ["alliance", allianceId, "pulses"] as const,
  pulse: (allianceId: string, pulseId: string) => ["alliance", allianceId, "pulses", "one", pulseId] as const,
  story: (allianceId: string) => ["alliance", allianceId, "story"] as const,
  actionTargets: (allianceId: string) => ["alliance", allianceId, "registers", "action-targets"] as const,
};

const pageSize = 20;
const registerEvent = /^(breakdown|tension|assumption|learning)\./;
const pulseEvent = /^pulse\./;

/**
 * Keeps the language pages live: register events refresh the registers, pulse events the pulses,
 * and any event the story. After a dropped connection everything is fetched again.
 */
export function useLanguageLive(allianceId: string) {
  const queryClient = useQueryClient();
  const onEvent = useCallback(
    (item: ActivityItem) => {
      if (registerEvent.test(item.type)) void queryClient.invalidateQueries({ queryKey: languageKeys.registers(allianceId) });
      if (pulseEvent.test(item.type)) void queryClient.invalidateQueries({ queryKey: languageKeys.pulses(allianceId) });
      void queryClient.invalidateQueries({ queryKey: languageKeys.story(allianceId) });
    },
    [allianceId, queryClient],
  );
  const onReconnect = useCallback(() => {
    for (const key of [languageKeys.registers(allianceId), languageKeys.pulses(allianceId), languageKeys.story(allianceId)]) void queryClient.invalidateQueries({ queryKey: key });
  }, [allianceId, queryClient]);
  return useAllianceEvents(allianceId, onEvent, onReconnect);
}

interface RecordTypes {
  breakdown: { item: Breakdown; detail: BreakdownDetail };
  tension: { item: Tension; detail: TensionDetail };
  assumption: { item: Assumption; detail: AssumptionDetail };
  learning: { item: Learning; detail: LearningDetail };
}

/** A register's records, newest first, a page at a time, with its filters (q, status, ...). */
export function useRegisterList<K extends RegisterKind>(allianceId: string, kind: K, filters: Record<string, string>) {
  return useInfiniteQuery({
    queryKey: languageKeys.list(allianceId, kind, filters),
    queryFn: ({ pageParam }) => api.get<Page<RecordTypes[K]["item"]>>(`/api/v1/alliances/${allianceId}/${registerPaths[kind]}`, { ...filters, limit: pageSize, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: (previous) => previous,
  });
}

/** One record with its discussion, links and what may be done to it. */
export function useRegisterRecord<K extends RegisterKind>(allianceId: string, kind: K, id: string) {
  return useQuery({
    queryKey: languageKeys.record(allianceId, kind, id),
    queryFn: () => api.get<RecordTypes[K]["detail"]>(`/api/v1/alliances/${allianceId}/${registerPaths[kind]}/${id}`),
  });
}

/** A change to a record whose answer is the record's new page. */
function useRecordChange<K extends RegisterKind, I>(allianceId: string, kind: K, id: string, send: (input: I) => Promise<RecordTypes[K]["detail"]>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async (detail) => {
      queryClient.setQueryData(languageKeys.record(allianceId, kind, id), detail);
      await queryClient.invalidateQueries({ queryKey: languageKeys.registers(allianceId) });
    },
  });
}

function useCreate<I, O>(allianceId: string, send: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: send, onSuccess: () => queryClient.invalidateQueries({ queryKey: languageKeys.registers(allianceId) }) });
}

export interface NameBreakdownInput {
  whatHappened: string;
  whatWasExpected: string;
  impact: string;
  seatIds: string[];
  visibility?: RecordVisibility;
}

export function useNameBreakdown(allianceId: string) {
  return useCreate(allianceId, (input: NameBreakdownInput) => api.post<Breakdown>(`/api/v1/alliances/${allianceId}/breakdowns`, input));
}

export function useOpenDiscussion(allianceId: string, id: string) {
  return useRecordChange(allianceId, "breakdown", id, (input: { version: number }) => api.post<BreakdownDetail>(`/api/v1/alliances/${allianceId}/breakdowns/${id}/discussion`, input));
}

export type CloseBreakdownInput =
  | { version: number; kind: "reinterpretation"; reinterpretation: string }
  | { version: number; kind: "action"; action: { type: "commitment" | "proposal"; id: string }; note?: string | null };

export function useCloseBreakdown(allianceId: string, id: string) {
  return useRecordChange(allianceId, "breakdown", id, (input: CloseBreakdownInput) => api.post<BreakdownDetail>(`/api/v1/alliances/${allianceId}/breakdowns/${id}/closure`, input));
}

export interface RaiseTensionInput {
  summary: string;
  detail?: string | null;
  target: { kind: "seat"; seatId: string } | { kind: "alliance" };
  fromSeatId?: string | null;
  anonymous: boolean;
  tellFacilitator?: boolean;
}

export function useRaiseTension(allianceId: string) {
  return useCreate(allianceId, (input: RaiseTensionInput) => api.post<RaisedTension>(`/api/v1/alliances/${allianceId}/tensions`, input));
}

export type TensionMove = { version: number; move: "start_dialogue" } | { version: number; move: "resolve"; note: string } | { version: number; move: "reframe"; reframing: string };

export function useMoveTension(allianceId: string, id: string) {
  return useRecordChange(allianceId, "tension", id, (input: TensionMove) => api.post<TensionDetail>(`/api/v1/alliances/${allianceId}/tensions/${id}/moves`, input));
}

export interface RecordAssumptionInput {
  statement: string;
  holder: { kind: "seat"; seatId: string } | { kind: "person"; personId: string };
  confidence: "low" | "medium" | "high";
  testPlan: string;
  reviewOn: string;
  decisionIds?: string[];
}

export function useRecordAssumption(allianceId: string) {
  return useCreate(allianceId, (input: RecordAssumptionInput) => api.post<Assumption>(`/api/v1/alliances/${allianceId}/assumptions`, input));
}

export function useTestAssumption(allianceId: string, id: string) {
  return useRecordChange(allianceId, "assumption", id, (input: { version: number; outcome: "holding" | "invalidated"; evidence: string; nextReviewOn?: string }) =>
    api.post<AssumptionDetail>(`/api/v1/alliances/${allianceId}/assumptions/${id}/tests`, input),
  );
}

export function useReviseAssumption(allianceId: string, id: string) {
  return useRecordChange(allianceId, "assumption", id, (input: { version: number; confidence?: "low" | "medium" | "high"; reviewOn?: string; linkDecisionIds?: string[]; unlinkDecisionIds?: string[] }) =>
    api.patch<AssumptionDetail>(`/api/v1/alliances/${allianceId}/assumptions/${id}`, input),
  );
}

export interface RecordLearningInput {
  source: { kind: "experiment" | "event"; title: string };
  whatHappened: string;
  whatWasLearned: string;
  whatChanges: string;
  seatIds?: string[];
}

export function useRecordLearning(allianceId: string) {
  return useCreate(allianceId, (input: RecordLearningInput) => api.post<Learning>(`/api/v1/alliances/${allianceId}/learnings`, input));
}

export function useReviseLearning(allianceId: string, id: string) {
  return useRecordChange(allianceId, "learning", id, (input: { version: number; whatHappened?: string; whatWasLearned?: string; whatChanges?: string }) =>
    api.patch<LearningDetail>(`/api/v1/alliances/${allianceId}/learnings/${id}`, input),
  );
}

/** Comments on any register record; the page is fetched again afterwards. */
export function useComment(allianceId: string, kind: RegisterKind, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { body: string }) => api.post<{ id: string }>(`/api/v1/alliances/${allianceId}/register-records/${id}/comments`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: languageKeys.record(allianceId, kind, id) }),
  });
}

/** What a breakdown can be closed by, or an assumption rest on: the alliance's commitments and proposals by title. */
export function useActionTargets(allianceId: string, enabled: boolean) {
  return useQuery({
    queryKey: languageKeys.actionTargets(allianceId),
    enabled,
    queryFn: async () => {
      const [commitments, proposals] = await Promise.all([
        api.get<Page<{ id: string; title: string }>>(`/api/v1/alliances/${allianceId}/commitments`, { limit: 100 }).catch(() => ({ items: [], nextCursor: null })),
        api.get<Page<{ id: string; title: string }>>(`/api/v1/alliances/${allianceId}/proposals`, { limit: 100 }).catch(() => ({ items: [], nextCursor: null })),
      ]);
      return { commitments: commitments.items, proposals: proposals.items };
    },
  });
}

// ---- pulses ----

export function usePulses(allianceId: string) {
  return useQuery({ queryKey: languageKeys.pulses(allianceId), queryFn: () => api.get<{ items: Pulse[]; canSchedule: boolean }>(`/api/v1/alliances/${allianceId}/pulses`) });
}

export function usePulse(allianceId: string, pulseId: string) {
  return useQuery({ queryKey: languageKeys.pulse(allianceId, pulseId), queryFn: () => api.get<PulseDetail>(`/api/v1/alliances/${allianceId}/pulses/${pulseId}`) });
}

export function usePulseResults(allianceId: string, pulseId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...languageKeys.pulse(allianceId, pulseId), "results"],
    enabled,
    queryFn: () => api.get<PulseResults>(`/api/v1/alliances/${allianceId}/pulses/${pulseId}/results`),
  });
}

export function usePulseSettings(allianceId: string) {
  return useQuery({ queryKey: [...languageKeys.pulses(allianceId), "settings"], queryFn: () => api.get<PulseSettings>(`/api/v1/alliances/${allianceId}/pulse-settings`) });
}

export function usePulseCadence(allianceId: string) {
  return useQuery({ queryKey: [...languageKeys.pulses(allianceId), "cadence"], queryFn: () => api.get<{ cadence: PulseCadence | null }>(`/api/v1/alliances/${allianceId}/pulse-cadence`) });
}

export function usePulseTrend(allianceId: string, filter: { itemId?: string; dynamic?: string }) {
  return useQuery({
    queryKey: [...languageKeys.pulses(allianceId), "trend", filter],
    queryFn: () => api.get<PulseTrend>(`/api/v1/alliances/${allianceId}/pulse-results/trend`, filter),
    placeholderData: (previous) => previous,
  });
}

export function usePerceptionGap(allianceId: string) {
  return useQuery({ queryKey: [...languageKeys.pulses(allianceId), "perception-gap"], queryFn: () => api.get<PerceptionGap>(`/api/v1/alliances/${allianceId}/pulse-results/perception-gap`) });
}

function usePulseChange<I, O>(allianceId: string, send: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: send, onSuccess: () => queryClient.invalidateQueries({ queryKey: languageKeys.pulses(allianceId) }) });
}

export function useSchedulePulse(allianceId: string) {
  return usePulseChange(allianceId, (input: { opensAt: string; closesAt: string }) => api.post<Pulse>(`/api/v1/alliances/${allianceId}/pulses`, input));
}

export function useSetPulseCadence(allianceId: string) {
  return usePulseChange(allianceId, (input: { version: number; firstOpensAt: string; everyWeeks: number; openDays: number; active: boolean }) =>
    api.put<{ cadence: PulseCadence | null }>(`/api/v1/alliances/${allianceId}/pulse-cadence`, input),
  );
}

export function useSetPulseSettings(allianceId: string) {
  return usePulseChange(allianceId, (input: { version: number; minGroupSize: number }) => api.put<PulseSettings>(`/api/v1/alliances/${allianceId}/pulse-settings`, input));
}

export function useAnswerPulse(allianceId: string, pulseId: string) {
  return usePulseChange(allianceId, (input: { seatId: string | null; answers: { itemId: string; targetSeatId: string | null; value: number }[] }) =>
    api.post<{ answered: true }>(`/api/v1/alliances/${allianceId}/pulses/${pulseId}/responses`, input),
  );
}

export function useClosePulse(allianceId: string, pulseId: string) {
  return usePulseChange(allianceId, () => api.post<Pulse>(`/api/v1/alliances/${allianceId}/pulses/${pulseId}/closure`));
}

// ---- the story ----

export interface StoryFilters {
  seatIds: string[];
  dynamics: string[];
  from: string;
  to: string;
}

/** The story's query string: the same filters for the page and its exports. */
export function storyQuery(filters: StoryFilters): Record<string, string> {
  return { seatIds: filters.seatIds.join(","), dynamics: filters.dynamics.join(","), from: filters.from, to: filters.to };
}

export function useStory(allianceId: string, filters: StoryFilters) {
  return useQuery({
    queryKey: [...languageKeys.story(allianceId), filters],
    queryFn: () => api.get<Story>(`/api/v1/alliances/${allianceId}/story`, storyQuery(filters)),
    placeholderData: (previous) => previous,
  });
}

/** Where the story downloads as Markdown or PDF, with the filters shown. */
export function storyExportUrl(allianceId: string, format: "markdown" | "pdf", filters: StoryFilters): string {
  return withQuery(`/api/v1/alliances/${allianceId}/story/${format}`, storyQuery(filters));
}
