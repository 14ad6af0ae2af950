import type { AllianceRole, AllianceStage, OrganizationKind } from "@trellis/core";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { api } from "./client";
import type { ActivityItem, AllianceHome, AllianceSummary, Invitation, Organization, OrganizationDetail, Page } from "./types";

export const allianceKeys = {
  list: ["alliances"] as const,
  home: (id: string) => ["alliance", id] as const,
  events: (id: string) => ["alliance", id, "events"] as const,
  invitations: (id: string) => ["alliance", id, "invitations"] as const,
};

const alliancePageSize = 20;
export const activityPageSize = 20;

/** The alliances I hold a role in, by name, a page at a time. */
export function useAlliances() {
  return useInfiniteQuery({
    queryKey: allianceKeys.list,
    queryFn: ({ pageParam }) => api.get<Page<AllianceSummary>>("/api/v1/alliances", { limit: alliancePageSize, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useCreateAlliance() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; purpose?: string }) => api.post<AllianceHome>("/api/v1/alliances", input),
    onSuccess: async (home) => {
      queryClient.setQueryData(allianceKeys.home(home.id), home);
      await queryClient.invalidateQueries({ queryKey: allianceKeys.list });
    },
  });
}

export function useAllianceHome(id: string) {
  return useQuery({ queryKey: allianceKeys.home(id), queryFn: () => api.get<AllianceHome>(`/api/v1/alliances/${id}`) });
}

export function useUpdateAlliance(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { version: number; name?: string; purpose?: string; stage?: AllianceStage }) => api.patch<AllianceHome>(`/api/v1/alliances/${id}`, input),
    onSuccess: async (home) => {
      queryClient.setQueryData(allianceKeys.home(id), home);
      await queryClient.invalidateQueries({ queryKey: allianceKeys.list });
    },
  });
}

export function useAddSeat(allianceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { organizationId: string; weight?: number }) => api.post<{ id: string }>(`/api/v1/alliances/${allianceId}/seats`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: allianceKeys.home(allianceId), exact: true }),
  });
}

export function useUpdateSeat(allianceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { seatId: string; version: number; weight: number }) =>
      api.patch<void>(`/api/v1/alliances/${allianceId}/seats/${input.seatId}`, { version: input.version, weight: input.weight }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: allianceKeys.home(allianceId), exact: true }),
  });
}

export function useInvitations(allianceId: string, enabled: boolean) {
  return useQuery({
    queryKey: allianceKeys.invitations(allianceId),
    queryFn: () => api.get<{ items: Invitation[] }>(`/api/v1/alliances/${allianceId}/invitations`),
    enabled,
  });
}

export function useInvite(allianceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; role: AllianceRole; seatId: string | null; message?: string }) => api.post<{ id: string }>(`/api/v1/alliances/${allianceId}/invitations`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: allianceKeys.invitations(allianceId) }),
  });
}

/** The activity, newest first; pages go back in time by sequence number. `exclude` names event types the server leaves out. */
export function useActivity(allianceId: string, exclude: readonly string[] = []) {
  return useInfiniteQuery({
    queryKey: allianceKeys.events(allianceId),
    queryFn: ({ pageParam }) =>
      api.get<Page<ActivityItem>>(`/api/v1/alliances/${allianceId}/events`, { limit: activityPageSize, cursor: pageParam, exclude: exclude.length > 0 ? exclude.join(",") : undefined }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Puts a live item at the top of the activity unless it is there already. */
export function prependActivity(data: InfiniteData<Page<ActivityItem>, string | undefined> | undefined, item: ActivityItem) {
  if (!data) return data;
  if (data.pages.some((page) => page.items.some((known) => known.seq === item.seq))) return data;
  const [first, ...rest] = data.pages;
  if (!first) return data;
  const items = [...first.items, item].sort((a, b) => b.seq - a.seq);
  return { ...data, pages: [{ ...first, items }, ...rest] };
}

export const organizationKeys = {
  search: (q: string) => ["organizations", q] as const,
  detail: (id: string) => ["organization", id] as const,
};

export function useOrganizationSearch(q: string) {
  return useQuery({
    queryKey: organizationKeys.search(q),
    queryFn: () => api.get<Page<Organization>>("/api/v1/organizations", { q, limit: 50 }),
    placeholderData: (previous) => previous,
  });
}

export function useCreateOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; kind: OrganizationKind; sector?: string; website?: string }) => api.post<Organization>("/api/v1/organizations", input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["organizations"] }),
  });
}

export function useOrganization(id: string) {
  return useQuery({ queryKey: organizationKeys.detail(id), queryFn: () => api.get<OrganizationDetail>(`/api/v1/organizations/${id}`) });
}

export function useUpdateOrganization(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { version: number; name?: string; kind?: OrganizationKind; sector?: string; website?: string }) => api.patch<Organization>(`/api/v1/organizations/${id}`, input),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: organizationKeys.detail(id) });
      await queryClient.invalidateQueries({ queryKey: ["organizations"] });
      await queryClient.invalidateQueries({ queryKey: ["alliance"] });
    },
  });
}
