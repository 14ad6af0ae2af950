import { Anchor, Badge, Group, Stack, Text, Title } from "@mantine/core";
import { useCallback, useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { useAllianceHome } from "../api/alliances";
import { isApiError } from "../api/client";
import { useMe } from "../api/session";
import { EmptyState, LoadError, Loading } from "../components/page-states";
import { usePageTitle } from "../components/page-title";
import { formatDateTime } from "../labels";
import { NotFoundPage } from "../pages/not-found-page";
import { useAlignmentMap, useAlignmentResults } from "./alignment-api";
import { AlignmentBreadcrumb } from "./alignment-breadcrumb";
import { groupLetter, people } from "./alignment-labels";
import type { AlignmentResults } from "./alignment-types";
import { BridgingSection, ConsensusSection, DivisiveSection, GroupsSection, ParticipantMapSection, SeatDivergenceSection, UncertainSection } from "./results-sections";
import { useLiveAlignmentMap } from "./use-live-alignment-map";

function ResultsBody({ allianceId, mapId, results, timeZone }: { allianceId: string; mapId: string; results: AlignmentResults; timeZone: string }) {
  if (results.status === "collecting") {
    return (
      <EmptyState title="Not enough votes for a map yet">
        The map appears once {results.minVoters} people have voted ({results.voters} so far), so nobody's votes can be told apart.{" "}
        <Anchor component={Link} to={`/alliances/${allianceId}/alignment/${mapId}`}>
          Vote or invite partners to vote
        </Anchor>
        .
      </EmptyState>
    );
  }
  if (results.status === "computing") return <Loading label="Computing the map… it appears here by itself." />;
  const mine = results.me;
  return (
    <Stack gap="xl">
      <Text size="sm">
        {results.votes} votes from {people(results.points.length)}, in {results.k} {results.k === 1 ? "group" : "groups"}
        {results.computedAt ? ` · computed ${formatDateTime(results.computedAt, timeZone)}` : ""}
        {mine ? (mine.group === null ? " · You are not in a group yet: vote on more statements." : ` · You are in group ${groupLetter(mine.group)}.`) : ""}
      </Text>
      <ParticipantMapSection results={results} />
      <GroupsSection results={results} />
      <ConsensusSection results={results} />
      <BridgingSection results={results} />
      <DivisiveSection results={results} />
      <UncertainSection results={results} />
      <SeatDivergenceSection results={results} />
    </Stack>
  );
}

/**
 * The results of a map: participant map, each group's representative statements, consensus,
 * bridging, divisive and uncertain statements, and per-seat divergence. Live: a vote elsewhere
 * says an update is coming; alignment.recomputed brings the new result.
 */
export function AlignmentResultsPage() {
  const { id = "", mapId = "" } = useParams();
  const me = useMe();
  const home = useAllianceHome(id);
  const map = useAlignmentMap(id, mapId);
  const results = useAlignmentResults(id, mapId);
  // Votes announced since the result on screen was computed: a new result has counted them.
  const [votesSince, setVotesSince] = useState(0);
  const computedRevision = results.data?.computedRevision ?? null;
  const onVote = useCallback(() => setVotesSince((count) => count + 1), []);
  useEffect(() => setVotesSince(0), [computedRevision]);
  const live = useLiveAlignmentMap(id, mapId, onVote);
  usePageTitle(map.data ? `Results · ${map.data.question}` : "Alignment map results");

  if (map.isPending) return <Loading label="Loading the map…" />;
  if (map.isError) {
    if (isApiError(map.error, "not_found") || isApiError(map.error, "validation_failed")) return <NotFoundPage what="alignment map" />;
    return <LoadError error={map.error} onRetry={() => void map.refetch()} title="The map could not be loaded" />;
  }
  const updating = results.data?.status === "ready" && (results.data.isStale || votesSince > 0);

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <AlignmentBreadcrumb allianceId={id} allianceName={home.data?.name} map={map.data} />
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
          <Title order={1} className="wrap-anywhere">
            Results: {map.data.question}
          </Title>
          <Badge variant="dot" color={live === "live" ? "teal" : "gray"} style={{ flexShrink: 0 }} title={live === "live" ? "The results update by themselves as votes arrive." : "Waiting for the live connection."}>
            {live === "live" ? "Live" : live === "reconnecting" ? "Reconnecting…" : "Connecting…"}
          </Badge>
        </Group>
        <Text size="sm" role="status" aria-live="polite">
          {updating ? "New votes are in: the map is being updated…" : ""}
        </Text>
      </Stack>
      {results.isPending ? (
        <Loading label="Loading the results…" />
      ) : results.isError ? (
        <LoadError error={results.error} onRetry={() => void results.refetch()} title="The results could not be loaded" />
      ) : (
        <ResultsBody allianceId={id} mapId={mapId} results={results.data} timeZone={me.timeZone} />
      )}
    </Stack>
  );
}
