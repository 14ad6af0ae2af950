import { Anchor, Badge, Group, Text } from "@mantine/core";
import type { OutcomeResult } from "@trellis/core/decisions";
import { Link } from "react-router";
import type { LiveState } from "../live/use-alliance-events";
import { resultColors, resultLabels } from "./decision-labels";

/** The link back to the alliance home. */
export function BackToAlliance({ allianceId, name }: { allianceId: string; name: string | undefined }) {
  return (
    <Anchor component={Link} to={`/alliances/${allianceId}`} size="sm">
      ← {name ?? "The alliance"}
    </Anchor>
  );
}

export function ResultBadge({ result }: { result: OutcomeResult }) {
  return (
    <Badge variant="filled" color={resultColors[result] ?? "gray.7"}>
      {resultLabels[result] ?? result}
    </Badge>
  );
}

export function LiveBadge({ live }: { live: LiveState }) {
  return (
    <Badge variant="dot" color={live === "live" ? "teal" : "gray"} title={live === "live" ? "Changes by others appear here as they happen." : "Waiting for the live connection."}>
      {live === "live" ? "Live" : live === "reconnecting" ? "Reconnecting…" : "Connecting…"}
    </Badge>
  );
}

/** A row of small facts ("Consent · closes 3 Mar 2026"). */
export function Facts({ items }: { items: (string | null | false | undefined)[] }) {
  const shown = items.filter((item): item is string => typeof item === "string" && item !== "");
  return (
    <Group gap={6} wrap="wrap">
      {shown.map((item, i) => (
        <Text key={`${i}:${item}`} size="xs" c="dimmed">
          {i > 0 ? "· " : ""}
          {item}
        </Text>
      ))}
    </Group>
  );
}
