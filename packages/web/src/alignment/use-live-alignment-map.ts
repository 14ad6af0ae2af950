import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type { ActivityItem } from "../api/types";
import { type LiveState, useAllianceEvents } from "../live/use-alliance-events";
import { alignmentKeys } from "./alignment-api";

/** The map an alignment event is about. */
export function mapIdOf(item: ActivityItem): string | null {
  return typeof item.payload.mapId === "string" ? item.payload.mapId : null;
}

/**
 * Keeps one map's queries live: statements and my queue follow additions and moderation, the map
 * follows its updates, the results follow alignment.recomputed. Votes alone refetch nothing (the
 * debounced recomputation announces the new result); onVote lets a page say one is coming.
 */
export function useLiveAlignmentMap(allianceId: string, mapId: string, onVote?: () => void): LiveState {
  const queryClient = useQueryClient();
  const mapKey = alignmentKeys.map(allianceId, mapId);
  const onEvent = useCallback(
    (item: ActivityItem) => {
      if (!item.type.startsWith("alignment.") || mapIdOf(item) !== mapId) return;
      const key = alignmentKeys.map(allianceId, mapId);
      switch (item.type) {
        case "alignment.vote_cast":
          onVote?.();
          return;
        case "alignment.recomputed":
          void queryClient.invalidateQueries({ queryKey: alignmentKeys.results(allianceId, mapId) });
          void queryClient.invalidateQueries({ queryKey: key, exact: true });
          return;
        case "alignment.statement_added":
        case "alignment.statement_moderated":
          void queryClient.invalidateQueries({ queryKey: [...key, "statements"] });
          void queryClient.invalidateQueries({ queryKey: alignmentKeys.next(allianceId, mapId) });
          void queryClient.invalidateQueries({ queryKey: key, exact: true });
          return;
        default:
          void queryClient.invalidateQueries({ queryKey: key });
      }
    },
    [allianceId, mapId, queryClient, onVote],
  );
  const onReconnect = useCallback(() => void queryClient.invalidateQueries({ queryKey: mapKey }), [queryClient, mapKey]);
  return useAllianceEvents(allianceId, onEvent, onReconnect);
}
