import { Anchor, Badge, Button, Grid, Group, Stack, Text, Title } from "@mantine/core";
import { Link, useParams } from "react-router";
import { useAllianceHome } from "../api/alliances";
import { isApiError } from "../api/client";
import { useMe } from "../api/session";
import { FormError } from "../components/form-errors";
import { LoadError, Loading } from "../components/page-states";
import { usePageTitle } from "../components/page-title";
import { formatDate } from "../labels";
import { NotFoundPage } from "../pages/not-found-page";
import { useAlignmentMap, useCharterClauses, useProposalTitle, useUpdateAlignmentMap } from "./alignment-api";
import { AlignmentBreadcrumb } from "./alignment-breadcrumb";
import { describeLink, people } from "./alignment-labels";
import type { AlignmentMap } from "./alignment-types";
import { StatementsSection } from "./statements-section";
import { useLiveAlignmentMap } from "./use-live-alignment-map";
import { VoteSection } from "./vote-card";

/** Closes or reopens the map; a stale version offers the other facilitator's version. */
function MapStatusButton({ allianceId, map }: { allianceId: string; map: AlignmentMap }) {
  const update = useUpdateAlignmentMap(allianceId, map.id);
  const latest = useAlignmentMap(allianceId, map.id);
  const stale = isApiError(update.error, "stale_version");
  const closing = map.status === "open";
  return (
    <Stack gap={4} align="flex-end">
      <Button variant="default" loading={update.isPending} onClick={() => update.mutate({ version: map.version, status: closing ? "closed" : "open" })}>
        {closing ? "Close the map" : "Reopen the map"}
      </Button>
      {update.error !== null && <FormError error={update.error} title={stale ? "Someone else changed this map" : "Could not change the map"} />}
      {stale && (
        <Button
          size="xs"
          variant="subtle"
          onClick={() => {
            update.reset();
            void latest.refetch();
          }}
        >
          Load their version
        </Button>
      )}
    </Stack>
  );
}

/** What the map informs, named and linked: the proposal's page, or the charter. */
function LinkLine({ allianceId, map }: { allianceId: string; map: AlignmentMap }) {
  const proposal = useProposalTitle(allianceId, map.link?.kind === "proposal" ? map.link.id : null);
  const charter = useCharterClauses(allianceId, map.link?.kind === "charter_clause");
  if (!map.link) return null;
  const { kind, id: linkId } = map.link;
  const clause = charter.data?.sections.flatMap((s) => s.clauses).find((c) => c.id === linkId);
  const title = kind === "proposal" ? proposal.data?.title : clause?.text;
  const to = kind === "proposal" ? `/alliances/${allianceId}/proposals/${linkId}` : kind === "charter_clause" ? `/alliances/${allianceId}/charter` : null;
  return (
    <Text size="sm" className="wrap-anywhere">
      Informs:{" "}
      {to ? (
        <Anchor component={Link} to={to}>
          {describeLink(kind, title && title.length > 120 ? `${title.slice(0, 119)}…` : title)}
        </Anchor>
      ) : (
        describeLink(kind, title)
      )}
    </Text>
  );
}

/** One map: the question, voting one statement at a time, statements and their moderation, and the way to the results. */
export function AlignmentMapPage() {
  const { id = "", mapId = "" } = useParams();
  const me = useMe();
  const home = useAllianceHome(id);
  const map = useAlignmentMap(id, mapId);
  useLiveAlignmentMap(id, mapId);
  usePageTitle(map.data ? `${map.data.question} · Alignment map` : "Alignment map");

  if (map.isPending) return <Loading label="Loading the map…" />;
  if (map.isError) {
    if (isApiError(map.error, "not_found") || isApiError(map.error, "validation_failed")) return <NotFoundPage what="alignment map" />;
    return <LoadError error={map.error} onRetry={() => void map.refetch()} title="The map could not be loaded" />;
  }
  const data = map.data;

  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <AlignmentBreadcrumb allianceId={id} allianceName={home.data?.name} />
        <Group justify="space-between" align="flex-start" gap="sm">
          <Group gap="sm" align="center" style={{ minWidth: 0 }}>
            <Title order={1} className="wrap-anywhere">
              {data.question}
            </Title>
            <Badge size="lg" variant="filled" color={data.status === "open" ? "teal.9" : "gray.7"}>
              {data.status === "open" ? "Open" : "Closed"}
            </Badge>
          </Group>
          <Group gap="sm" align="flex-start">
            <Button component={Link} to={`/alliances/${id}/alignment/${mapId}/results`}>
              See the results
            </Button>
            {data.can.update && <MapStatusButton allianceId={id} map={data} />}
          </Group>
        </Group>
        {data.description && (
          <Text className="wrap-anywhere" style={{ whiteSpace: "pre-line" }}>
            {data.description}
          </Text>
        )}
        <LinkLine allianceId={id} map={data} />
        <Text size="sm" c="dimmed">
          {data.createdBy ? `Opened by ${data.createdBy.displayName}` : "Opened"} on {formatDate(data.createdAt, me.timeZone)} · {data.counts.statements}{" "}
          {data.counts.statements === 1 ? "statement" : "statements"} · {people(data.counts.voters)} voted
          {data.visibility.level === "seats" ? " · shared with some seats only" : ""}
        </Text>
      </Stack>
      <Grid gutter="xl">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <VoteSection allianceId={id} map={data} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <StatementsSection allianceId={id} map={data} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
