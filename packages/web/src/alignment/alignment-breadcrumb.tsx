import { Anchor, Group, Text } from "@mantine/core";
import { Link } from "react-router";

/** Back links: the alliance, the maps, and optionally the map. */
export function AlignmentBreadcrumb({ allianceId, allianceName, map }: { allianceId: string; allianceName?: string | undefined; map?: { id: string; question: string } }) {
  return (
    <Group component="nav" aria-label="Breadcrumb" gap={6} wrap="wrap">
      <Anchor component={Link} to={`/alliances/${allianceId}`} size="sm" className="wrap-anywhere">
        ← {allianceName ?? "The alliance"}
      </Anchor>
      <Text size="sm" aria-hidden>
        /
      </Text>
      <Anchor component={Link} to={`/alliances/${allianceId}/alignment`} size="sm">
        Alignment maps
      </Anchor>
      {map && (
        <>
          <Text size="sm" aria-hidden>
            /
          </Text>
          <Anchor component={Link} to={`/alliances/${allianceId}/alignment/${map.id}`} size="sm" className="wrap-anywhere">
            {map.question.length > 60 ? `${map.question.slice(0, 59)}…` : map.question}
          </Anchor>
        </>
      )}
    </Group>
  );
}
