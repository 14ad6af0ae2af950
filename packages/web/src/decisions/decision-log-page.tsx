import { decisionMethodKinds, outcomeResults, type DecisionMethodKind, type OutcomeResult } from "@trellis/core/decisions";
import { Anchor, Badge, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { useAllianceHome } from "../api/alliances";
import { isApiError } from "../api/client";
import { useMe } from "../api/session";
import { EmptyState, LoadError, Loading } from "../components/page-states";
import { usePageTitle } from "../components/page-title";
import { formatDate, formatDateTime } from "../labels";
import { NotFoundPage } from "../pages/not-found-page";
import { BackToAlliance, LiveBadge, ResultBadge } from "./decision-bits";
import { describeMethod, methodLabels, resultLabels, stanceLabel, stanceLabels, warningInk } from "./decision-labels";
import type { DecisionLogEntry, DecisionLogFilter } from "./decision-types";
import { decisionLogExportUrl, useDecisionLog } from "./decisions-api";
import { fieldProblem } from "./field-problem";
import { byName } from "./tally-view";
import { useLiveDecisions } from "./use-live-decisions";

/** A seat's part as the log gives it, in the method's own words for a stance ("consent", "stand aside"). */
function partLabel(entry: DecisionLogEntry, part: string): string {
  return part in stanceLabels ? stanceLabel(entry.method.kind, part).toLowerCase() : part;
}

function LogEntry({ allianceId, entry, timeZone }: { allianceId: string; entry: DecisionLogEntry; timeZone: string }) {
  return (
    <Paper withBorder p="md" radius="md" component="li" aria-label={entry.title}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" gap="xs">
          <Anchor component={Link} to={`/alliances/${allianceId}/proposals/${entry.proposalId}`} fw={600} className="wrap-anywhere" style={{ minWidth: 0 }}>
            {entry.title}
          </Anchor>
          <ResultBadge result={entry.result} />
        </Group>
        <Text size="xs" c="dimmed">
          {describeMethod(entry.method)} · closed {formatDateTime(entry.closedAt, timeZone)} · proposed by {entry.proposer.displayName}
        </Text>
        {entry.chosen.length > 0 && <Text size="sm">Chosen: {entry.chosen.map((c) => c.label).join(" / ")}</Text>}
        {entry.statement ? (
          <Text size="sm" className="wrap-anywhere">
            <strong>Outcome:</strong> {entry.statement.statement}{" "}
            <Text span size="sm" c={entry.statement.reviewDue ? warningInk : undefined}>
              (review on {formatDate(`${entry.statement.reviewOn}T12:00:00Z`, "UTC")}
              {entry.statement.reviewDue ? ", due" : ""})
            </Text>
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            No outcome statement yet.
          </Text>
        )}
        <Text size="sm">
          Quorum: {entry.quorum.participating} of {entry.seats.length} seats took part, {entry.quorum.required} needed{entry.quorum.met ? "" : " (not met)"}.
        </Text>
        <Text size="sm" className="wrap-anywhere">
          Seat by seat: {byName(entry.seats).map((s) => `${s.name} (${partLabel(entry, s.part)})`).join(", ") || "no seats"}.
        </Text>
        {entry.seatsSplit.length > 0 && <Text size="sm">Split: {byName(entry.seatsSplit).map((s) => s.name).join(", ")}.</Text>}
        <Text size="sm">
          {entry.seatsNotParticipating.length === 0 ? "Every seat took part." : `Did not take part: ${byName(entry.seatsNotParticipating).map((s) => s.name).join(", ")}.`}
        </Text>
        {entry.anonymous && (
          <Badge variant="outline" color="gray.7" size="sm">
            Anonymous positions
          </Badge>
        )}
      </Stack>
    </Paper>
  );
}

/** Every closed proposal with its result per seat, the seats that did not take part, outcome statements and review dates; searchable and exportable. */
export function DecisionLogPage() {
  const { id = "" } = useParams();
  const me = useMe();
  const home = useAllianceHome(id);
  const live = useLiveDecisions(id);
  const [q, setQ] = useState("");
  const [method, setMethod] = useState<DecisionMethodKind | "">("");
  const [result, setResult] = useState<OutcomeResult | "">("");
  const [reviewDueOn, setReviewDueOn] = useState("");
  const [search] = useDebouncedValue(q, 300);
  const filter: DecisionLogFilter = { q: search, method, result, reviewDueOn };
  const log = useDecisionLog(id, filter);
  usePageTitle(home.data ? `Decision log · ${home.data.name}` : "Decision log");

  if (home.isPending) return <Loading label="Loading the alliance…" />;
  if (home.isError) {
    if (isApiError(home.error, "not_found") || isApiError(home.error, "validation_failed")) return <NotFoundPage what="alliance" />;
    return <LoadError error={home.error} onRetry={() => void home.refetch()} title="The alliance could not be loaded" />;
  }
  const items = log.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = search.trim() !== "" || method !== "" || result !== "" || reviewDueOn !== "";

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Group gap="md">
          <BackToAlliance allianceId={id} name={home.data.name} />
          <Anchor component={Link} to={`/alliances/${id}/proposals`} size="sm">
            Proposals
          </Anchor>
        </Group>
        <Group justify="space-between" align="flex-start" gap="sm">
          <Group gap="sm">
            <Title order={1}>Decision log</Title>
            <LiveBadge live={live} />
          </Group>
          <Group gap="sm">
            <Button component="a" variant="default" href={decisionLogExportUrl(id, filter, "csv")} download>
              Export CSV
            </Button>
            <Button component="a" variant="default" href={decisionLogExportUrl(id, filter, "markdown")} download>
              Export Markdown
            </Button>
          </Group>
        </Group>
        <Text size="sm" c="dimmed">
          What the partners of {home.data.name} decided, most recent first. Exports carry the same filters and never name anyone's position.
        </Text>
      </Stack>

      <form role="search" aria-label="Search the decision log" onSubmit={(e) => e.preventDefault()}>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
          <TextInput label="Search" description="Titles, text and outcome statements." value={q} onChange={(e) => setQ(e.currentTarget.value)} />
          <NativeSelect
            label="Method"
            value={method}
            onChange={(e) => setMethod(e.currentTarget.value as DecisionMethodKind | "")}
            data={[{ value: "", label: "Any method" }, ...decisionMethodKinds.map((kind) => ({ value: kind, label: methodLabels[kind] }))]}
          />
          <NativeSelect
            label="Result"
            value={result}
            onChange={(e) => setResult(e.currentTarget.value as OutcomeResult | "")}
            data={[{ value: "", label: "Any result" }, ...outcomeResults.map((r) => ({ value: r, label: resultLabels[r] }))]}
          />
          <TextInput type="date" label="Review due by" description="Decisions to review on or before." value={reviewDueOn} onChange={(e) => setReviewDueOn(e.currentTarget.value)} error={fieldProblem(log.error, "reviewDueOn")} />
        </SimpleGrid>
      </form>

      {log.isPending ? (
        <Loading label="Loading the decision log…" />
      ) : log.isError ? (
        <LoadError error={log.error} onRetry={() => void log.refetch()} title="The decision log could not be loaded" />
      ) : items.length === 0 ? (
        filtered ? (
          <EmptyState title="No decisions match">Change the search or the filters to see more.</EmptyState>
        ) : (
          <EmptyState title="No decisions yet">
            A proposal enters the log when it closes.{" "}
            <Anchor component={Link} to={`/alliances/${id}/proposals`}>
              Go to the proposals
            </Anchor>{" "}
            to make one or close one.
          </EmptyState>
        )
      ) : (
        <Stack gap="sm">
          <Stack component="ul" gap="sm" aria-label="Decisions, most recent first" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {items.map((entry) => (
              <LogEntry key={entry.proposalId} allianceId={id} entry={entry} timeZone={me.timeZone} />
            ))}
          </Stack>
          {log.hasNextPage && (
            <Group justify="center">
              <Button variant="default" loading={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
                Load more decisions
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </Stack>
  );
}
