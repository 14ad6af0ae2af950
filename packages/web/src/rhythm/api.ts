import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../api/client";
import type { Page } from "../api/types";
import type { CalendarFeed, Cadence, LinkedCommitment, Meeting, MeetingSummary, Minutes, MinutesVersionRef, Occurrence, RhythmSignals, Schedule, SchedulePreview } from "./types";

export const rhythmKeys = {
  all: (allianceId: string) => ["rhythm", allianceId] as const,
  cadences: (allianceId: string) => ["rhythm", allianceId, "cadences"] as const,
  occurrences: (allianceId: string) => ["rhythm", allianceId, "occurrences"] as const,
  meetings: (allianceId: string) => ["rhythm", allianceId, "meetings"] as const,
  signals: (allianceId: string) => ["rhythm", allianceId, "signals"] as const,
  meeting: (allianceId: string, meetingId: string) => ["rhythm", allianceId, "meeting", meetingId] as const,
  minutes: (allianceId: string, meetingId: string, version: number | null) => ["rhythm", allianceId, "meeting", meetingId, "minutes", version ?? "latest"] as const,
  meetingCommitments: (allianceId: string, meetingId: string) => ["rhythm", allianceId, "meeting", meetingId, "commitments"] as const,
  proposals: (allianceId: string) => ["rhythm", allianceId, "proposals"] as const,
  feeds: ["calendar-feeds"] as const,
};

const base = (allianceId: string) => `/api/v1/alliances/${allianceId}`;

export function useCadences(allianceId: string) {
  return useInfiniteQuery({
    queryKey: rhythmKeys.cadences(allianceId),
    queryFn: ({ pageParam }) => api.get<Page<Cadence>>(`${base(allianceId)}/cadences`, { limit: 50, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The next occurrences of every cadence, in the person's time zone. */
export function useOccurrences(allianceId: string) {
  return useInfiniteQuery({
    queryKey: rhythmKeys.occurrences(allianceId),
    queryFn: ({ pageParam }) => api.get<Page<Occurrence>>(`${base(allianceId)}/occurrences`, { limit: 8, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Meetings, newest scheduled first. */
export function useMeetings(allianceId: string) {
  return useInfiniteQuery({
    queryKey: rhythmKeys.meetings(allianceId),
    queryFn: ({ pageParam }) => api.get<Page<MeetingSummary>>(`${base(allianceId)}/meetings`, { limit: 20, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useRhythmSignals(allianceId: string) {
  return useQuery({ queryKey: rhythmKeys.signals(allianceId), queryFn: () => api.get<RhythmSignals>(`${base(allianceId)}/rhythm/signals`) });
}

export interface CadenceInput {
  kind?: string;
  title?: string;
  description?: string;
  location?: string;
  durationMinutes?: number;
  agendaCutoffMinutes?: number;
  expectedSeatIds?: string[];
  schedule?: Schedule;
  archived?: boolean;
}

export function useSaveCadence(allianceId: string, cadenceId: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CadenceInput & { version?: number }) =>
      cadenceId ? api.patch<Cadence>(`${base(allianceId)}/cadences/${cadenceId}`, input) : api.post<Cadence>(`${base(allianceId)}/cadences`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: rhythmKeys.all(allianceId) }),
  });
}

/** The schedule as the server reads it: the rule in words and the next occurrences in my zone. */
export function useSchedulePreview(allianceId: string, schedule: Schedule | null, durationMinutes: number) {
  return useQuery({
    queryKey: ["rhythm", allianceId, "preview", schedule, durationMinutes],
    queryFn: () => api.post<SchedulePreview>(`${base(allianceId)}/cadences/preview`, { schedule, durationMinutes, count: 3 }),
    enabled: schedule !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function useCancelOccurrence(allianceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { cadenceId: string; occurrenceKey: string; cancel: boolean }) =>
      input.cancel
        ? api.post<Cadence>(`${base(allianceId)}/cadences/${input.cadenceId}/occurrences/${input.occurrenceKey}/cancel`, {})
        : api.delete<Cadence>(`${base(allianceId)}/cadences/${input.cadenceId}/occurrences/${input.occurrenceKey}/cancel`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: rhythmKeys.all(allianceId) }),
  });
}

export function useOpenMeeting(allianceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { cadenceId: string; occurrenceKey: string }) => api.post<Meeting>(`${base(allianceId)}/meetings`, input),
    onSuccess: (meeting) => {
      queryClient.setQueryData(rhythmKeys.meeting(allianceId, meeting.id), meeting);
      return queryClient.invalidateQueries({ queryKey: rhythmKeys.occurrences(allianceId) });
    },
  });
}

export function useMeeting(allianceId: string, meetingId: string) {
  return useQuery({ queryKey: rhythmKeys.meeting(allianceId, meetingId), queryFn: () => api.get<Meeting>(`${base(allianceId)}/meetings/${meetingId}`) });
}

type Method = "post" | "put" | "patch" | "delete";

/**
 * One action on a meeting (add an item, order the agenda, acknowledge, rate…): every such call
 * answers with the whole meeting, which replaces the cached one.
 */
export function useMeetingAction<I>(allianceId: string, meetingId: string, method: Method, path: (input: I) => string, body: (input: I) => unknown = () => ({})) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => {
      const url = `${base(allianceId)}/meetings/${meetingId}${path(input)}`;
      return method === "delete" ? api.delete<Meeting>(url) : api[method]<Meeting>(url, body(input));
    },
    onSuccess: (meeting) => {
      if (meeting) queryClient.setQueryData(rhythmKeys.meeting(allianceId, meetingId), meeting);
      return queryClient.invalidateQueries({ queryKey: rhythmKeys.meeting(allianceId, meetingId), predicate: (q) => q.queryKey.length > 4 });
    },
  });
}

export function useMinutes(allianceId: string, meetingId: string, version: number | null, enabled: boolean) {
  return useQuery({
    queryKey: rhythmKeys.minutes(allianceId, meetingId, version),
    queryFn: () => api.get<Minutes>(version === null ? `${base(allianceId)}/meetings/${meetingId}/minutes` : `${base(allianceId)}/meetings/${meetingId}/minutes/versions/${version}`),
    enabled,
  });
}

export function useMinutesVersions(allianceId: string, meetingId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...rhythmKeys.meeting(allianceId, meetingId), "versions"],
    queryFn: () => api.get<{ items: MinutesVersionRef[] }>(`${base(allianceId)}/meetings/${meetingId}/minutes/versions`),
    enabled,
  });
}

export function useEditMinutes(allianceId: string, meetingId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { version: number; summary: string; reason?: string }) => api.patch<Minutes>(`${base(allianceId)}/meetings/${meetingId}/minutes`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: rhythmKeys.meeting(allianceId, meetingId) }),
  });
}

/** Commitments made in this meeting (the commitments API, filtered by the meeting link). */
export function useMeetingCommitments(allianceId: string, meetingId: string) {
  return useQuery({
    queryKey: rhythmKeys.meetingCommitments(allianceId, meetingId),
    queryFn: () => api.get<Page<LinkedCommitment>>(`${base(allianceId)}/commitments`, { meetingId, status: "all", limit: 100 }),
    retry: false,
  });
}

/** The alliance's latest proposals, to link one as a meeting's outcome. */
export function useRecentProposals(allianceId: string, enabled: boolean) {
  return useQuery({
    queryKey: rhythmKeys.proposals(allianceId),
    queryFn: () => api.get<Page<{ id: string; title: string; state: string }>>(`${base(allianceId)}/proposals`, { limit: 50 }),
    enabled,
    retry: false,
  });
}

export interface RequestInput {
  title: string;
  conditions: string;
  dueAt: string;
  timeZone: string;
  seatId?: string;
  counterpart: { personId: string; seatId?: string };
}

/** Opens a request linked to the meeting, so the facilitator can record it as an outcome. */
export function useCreateMeetingRequest(allianceId: string, meetingId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RequestInput) => api.post<LinkedCommitment>(`${base(allianceId)}/commitments`, { opening: "request", ...input, links: { meetingId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: rhythmKeys.meetingCommitments(allianceId, meetingId) }),
  });
}

export function useCalendarFeeds() {
  return useQuery({ queryKey: rhythmKeys.feeds, queryFn: () => api.get<{ items: CalendarFeed[] }>("/api/v1/calendar-feeds") });
}

export function useCreateCalendarFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { allianceId?: string }) => api.post<{ id: string; url: string; scope: "person" | "alliance"; allianceId: string | null }>("/api/v1/calendar-feeds", input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: rhythmKeys.feeds }),
  });
}

export function useRevokeCalendarFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (feedId: string) => api.delete<void>(`/api/v1/calendar-feeds/${feedId}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: rhythmKeys.feeds }),
  });
}
