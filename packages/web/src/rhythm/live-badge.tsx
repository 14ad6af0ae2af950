import { Badge } from "@mantine/core";
import type { LiveState } from "../live/use-alliance-events";

/** Says whether changes by others arrive on their own. */
export function LiveBadge({ state }: { state: LiveState }) {
  return (
    <Badge variant="dot" color={state === "live" ? "teal" : "gray"} title={state === "live" ? "Changes by others appear here as they happen." : "Waiting for the live connection."}>
      {state === "live" ? "Live" : state === "reconnecting" ? "Reconnecting…" : "Connecting…"}
    </Badge>
  );
}
