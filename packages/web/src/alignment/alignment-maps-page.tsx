import { Anchor, Badge, Button, Card, Collapse, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { useAllianceHome } from "../api/alliances";
import { isApiError } from "../api/client";
import { useMe } from "../api/session";
import type { ActivityItem } from "../api/types";
import { EmptyState, LoadError, Loading } from "../components/page-states";
import { usePageTitle } from "../components/page-title";
import { formatDate } from "../labels";
import { useAllianceEvents } from "../live/use-alliance-events";
import { NotFoundPage } from "../pages/not-found-page";
import { alignmentKeys, useAlignmentMaps } from "./alignment-api";
import { describeLink, people } from "./alignment-labels";
import type { AlignmentLinkKind, AlignmentMapSummary } from "./alignment-types";
import { OpenAlignmentMapForm } from "./open-alignment-map-form";

/** Events after which the list's maps, counts or results change (votes only move counts: not worth a refetch each). */
const changesList = /^alignment\.(map_opened|map_updated|map_closed|map_reopened|statement_added|statement_moderated|recomputed|imported)$/;

function MapCard({ allianceId, map, timeZone }: { allianceId: string; map: AlignmentMapSummary; timeZone: string }) {
  return (
    <Card withBorder radius="md" padding="md" component="li">
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
          <Anchor component={Link} to={`/alliances/${allianceId}/alignment/${map.id}`} fw={600} className="wrap-anywhere">
            {map.question}
          </Anchor>
          <Badge variant="filled" color={map.status === "open" ? "teal.9" : "gray.7"} style={{ flexShrink: 0 }}>
            {map.status === "open" ? "Open" : "Closed"}
          </Badge>
        </Group>
        {map.link && <Text size="sm">Informs: {describeLink(map.link.kind)}</Text>}
        <Text size="xs" c="dimmed">
          {map.counts.statements} {map.counts.statements === 1 ? "statement" : "statements"} · {people(map.counts.voters)} voted
          {map.results ? ` · ${map.results.k} ${map.results.k === 1 ? "group" : "groups"}` : ""} · opened {formatDate(map.createdAt, timeZone)}
          {map.source === "polis" ? " · imported from Pol.is" : ""}
        </Text>
      </Stack>
    </Card>
  );
}

function readPreset(params: URLSearchParams): { kind: AlignmentLinkKind; id: string } | null {
  const kind = params.get("linkKind");
  const id = params.get("linkId");
  return (kind === "proposal" || kind === "charter_clause") && id ? { kind, id } : null;
}

/**
 * The alliance's alignment maps, newest first, and a form to open one. Other pages can link here
 * with ?linkKind=proposal&linkId=<id> to open a map that informs that proposal.
 */
export function AlignmentMapsPage() {
  const { id = "" } = useParams();
  const me = useMe();
  const home = useAllianceHome(id);
  const maps = useAlignmentMaps(id);
  const [searchParams] = useSearchParams();
  const preset = readPreset(searchParams);
  const [opening, setOpening] = useState(preset !== null);
  const queryClient = useQueryClient();
  usePageTitle(home.data ? `Alignment maps · ${home.data.name}` : "Alignment maps");

  const onEvent = useCallback(
    (item: ActivityItem) => {
      if (changesList.test(item.type)) void queryClient.invalidateQueries({ queryKey: alignmentKeys.list(id) });
    },
    [id, queryClient],
  );
  const onReconnect = useCallback(() => void queryClient.invalidateQueries({ queryKey: alignmentKeys.list(id) }), [id, queryClient]);
  useAllianceEvents(id, onEvent, onReconnect);

  if (home.isPending) return <Loading label="Loading the alliance…" />;
  if (home.isError) {
    if (isApiError(home.error, "not_found") || isApiError(home.error, "validation_failed")) return <NotFoundPage what="alliance" />;
    return <LoadError error={home.error} onRetry={() => void home.refetch()} title="The alliance could not be loaded" />;
  }
  const alliance = home.data;
  const canOpen = alliance.me.roles.includes("facilitator") || alliance.me.roles.includes("delegate");
  const items = maps.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Anchor component={Link} to={`/alliances/${id}`} size="sm">
          ← {alliance.name}
        </Anchor>
        <Group justify="space-between" align="center">
          <Title order={1}>Alignment maps</Title>
          {canOpen && !opening && <Button onClick={() => setOpening(true)}>Open a map</Button>}
        </Group>
        <Text size="sm">Where people and partners really stand on a question: everyone agrees, disagrees or passes on short statements, and Trellis finds the opinion groups, the common ground and where seats diverge.</Text>
      </Stack>
      <Collapse in={opening}>
        {opening && (
          <Paper withBorder p="md" radius="md">
            <Title order={2} size="h4" mb="sm">
              Open a map
            </Title>
            <OpenAlignmentMapForm allianceId={id} preset={preset} onCancel={() => setOpening(false)} />
          </Paper>
        )}
      </Collapse>
      <section aria-labelledby="maps-title">
        <Title order={2} size="h4" id="maps-title" mb="sm">
          Maps
        </Title>
        {maps.isPending ? (
          <Loading label="Loading the maps…" />
        ) : maps.isError ? (
          <LoadError error={maps.error} onRetry={() => void maps.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState title="No alignment maps yet">
            {canOpen ? "Open one with “Open a map” on a question partners should weigh in on — before a decision, for instance." : "A facilitator or a seat's delegate can open one; it will show here."}
          </EmptyState>
        ) : (
          <Stack gap="sm" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }} aria-label="Alignment maps, newest first">
            {items.map((map) => (
              <MapCard key={map.id} allianceId={id} map={map} timeZone={me.timeZone} />
            ))}
          </Stack>
        )}
        {maps.hasNextPage && (
          <Group justify="center" mt="md">
            <Button variant="default" onClick={() => void maps.fetchNextPage()} loading={maps.isFetchingNextPage}>
              Load more maps
            </Button>
          </Group>
        )}
      </section>
    </Stack>
  );
}
