import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type { ActivityItem } from "../api/types";
import { useAllianceEvents, type LiveState } from "../live/use-alliance-events";
import { rhythmKeys } from "./api";

/** Event types that change what the rhythm pages show. */
const rhythmEvent = /^(cadence|occurrence|meeting|agenda|agenda_item|antitrust_notice|attendance|objection|outcome|minutes)\./;

/**
 * Keeps the rhythm pages live: an event of the rhythm refetches the rhythm's queries of this
 * alliance (a meeting page refetches its meeting; a commitment event refetches the commitments
 * made in meetings). After a dropped connection everything is fetched again.
 */
export function useLiveRhythm(allianceId: string): LiveState {
  const queryClient = useQueryClient();
  const onEvent = useCallback(
    (item: ActivityItem) => {
      if (rhythmEvent.test(item.type)) void queryClient.invalidateQueries({ queryKey: rhythmKeys.all(allianceId) });
      else if (item.type.startsWith("commitment.")) void queryClient.invalidateQueries({ queryKey: rhythmKeys.all(allianceId), predicate: (q) => q.queryKey.at(-1) === "commitments" });
    },
    [allianceId, queryClient],
  );
  const onReconnect = useCallback(() => void queryClient.invalidateQueries({ queryKey: rhythmKeys.all(allianceId) }), [allianceId, queryClient]);
  return useAllianceEvents(allianceId, onEvent, onReconnect);
}
