import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type { ActivityItem } from "../api/types";
import { useAllianceEvents, type LiveState } from "../live/use-alliance-events";
import { decisionKeys } from "./decisions-api";

/** Event types after which proposals, tallies or the decision log change. */
const changesDecisions = /^(proposal|position|objection|outcome|seat)\./;

/** Keeps every decisions query of the alliance fresh: refetches after each decisions event, and after a dropped connection came back. */
export function useLiveDecisions(allianceId: string): LiveState {
  const queryClient = useQueryClient();
  const onEvent = useCallback(
    (item: ActivityItem) => {
      if (changesDecisions.test(item.type)) void queryClient.invalidateQueries({ queryKey: decisionKeys.all(allianceId) });
    },
    [allianceId, queryClient],
  );
  const onReconnect = useCallback(() => void queryClient.invalidateQueries({ queryKey: decisionKeys.all(allianceId) }), [allianceId, queryClient]);
  return useAllianceEvents(allianceId, onEvent, onReconnect);
}
