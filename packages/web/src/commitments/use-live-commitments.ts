import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type { ActivityItem } from "../api/types";
import { type LiveState, useAllianceEvents } from "../live/use-alliance-events";
import { commitmentKeys } from "./api";

/** True for the events that change a commitment, a loop or the ledger. */
export function isCommitmentEvent(item: ActivityItem): boolean {
  return item.type.startsWith("commitment.");
}

/**
 * Keeps the alliance's commitment pages live: every commitment event refreshes the alliance's
 * commitment queries (page, loops, lists, ledger, network) and the counts in the navigation; after
 * a dropped connection everything is fetched again. onEvent hears each commitment event too.
 */
export function useLiveCommitments(allianceId: string | undefined, onEvent?: (item: ActivityItem) => void): LiveState {
  const queryClient = useQueryClient();
  const refresh = useCallback(() => {
    if (!allianceId) return;
    void queryClient.invalidateQueries({ queryKey: commitmentKeys.alliance(allianceId) });
    void queryClient.invalidateQueries({ queryKey: commitmentKeys.navCounts });
    void queryClient.invalidateQueries({ queryKey: commitmentKeys.unread });
  }, [allianceId, queryClient]);
  const handle = useCallback(
    (item: ActivityItem) => {
      if (!isCommitmentEvent(item)) return;
      refresh();
      onEvent?.(item);
    },
    [refresh, onEvent],
  );
  return useAllianceEvents(allianceId, handle, refresh);
}
