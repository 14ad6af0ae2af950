import { Badge } from "@mantine/core";
import type { LiveState } from "../live/use-alliance-events";

/** Whether changes by other partners arrive on this page as they happen. */
export function LiveBadge({ live }: { live: LiveState }) {
  return (
    <Badge variant="dot" color={live === "live" ? "teal" : "gray"} title={live === "live" ? "Changes by other partners appear as they happen." : "Waiting for the live connection."}>
      {live === "live" ? "Live" : live === "reconnecting" ? "Reconnecting…" : "Connecting…"}
    </Badge>
  );
}
