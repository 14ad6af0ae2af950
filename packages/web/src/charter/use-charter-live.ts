import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type { ActivityItem } from "../api/types";
import { type LiveState, useAllianceEvents } from "../live/use-alliance-events";
import { charterKeys } from "./charter-api";

/** Event types after which something the charter pages show has changed. */
const changesCharter = /^(charter|amendment|renewal|seat)\./;

/**
 * Keeps the charter pages live: any charter, amendment, renewal or seat event refreshes the
 * charter's queries (the open page refetches at once, the others when next shown). After a
 * dropped connection everything is fetched again, so nothing missed stays missing.
 */
export function useCharterLive(allianceId: string, onEvent?: (item: ActivityItem) => void): LiveState {
  const queryClient = useQueryClient();
  const handle = useCallback(
    (item: ActivityItem) => {
      if (!changesCharter.test(item.type)) return;
      void queryClient.invalidateQueries({ queryKey: charterKeys.all(allianceId) });
      onEvent?.(item);
    },
    [allianceId, queryClient, onEvent],
  );
  const reconnect = useCallback(() => void queryClient.invalidateQueries({ queryKey: charterKeys.all(allianceId) }), [allianceId, queryClient]);
  return useAllianceEvents(allianceId, handle, reconnect);
}
