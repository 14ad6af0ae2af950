import { Anchor, Badge, Button, Checkbox, Group, Stack, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { loopReasonLabels, loopReasons } from "@trellis/core/commitments";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { isApiError } from "../api/client";
import { useAllianceHome } from "../api/alliances";
import { useMe } from "../api/session";
import { EmptyState, LoadError, Loading } from "../components/page-states";
import { usePageTitle } from "../components/page-title";
import { NotFoundPage } from "../pages/not-found-page";
import { useLoopCountsEverywhere, useLoops, type LoopFilters } from "./api";
import { CommitmentCard, LiveBadge } from "./components";
import type { LoopSide } from "./types";
import { useLiveCommitments } from "./use-live-commitments";

const sideTitles: Record<LoopSide, string> = { waits_on_me: "Waiting on me", i_wait_on: "I am waiting on" };
const sideEmpty: Record<LoopSide, { title: string; text: string }> = {
  waits_on_me: { title: "Nothing waits on you", text: "When someone asks you for something, or a promise of yours is due, it shows here." },
  i_wait_on: { title: "You wait on nobody", text: "Ask a partner for something with “Ask or offer”; what they owe you shows here." },
};

function LoopList({ allianceId, side, filters, timeZone, headingLevel }: { allianceId: string; side: LoopSide; filters: LoopFilters; timeZone: string; headingLevel: 2 | 3 }) {
  const loops = useLoops(allianceId, side, filters);
  const items = loops.data?.pages.flatMap((page) => page.items) ?? [];
  const counts = loops.data?.pages[0]?.counts;
  const total = counts ? (side === "waits_on_me" ? counts.waitsOnMe : counts.iWaitOn) : null;
  const overdue = counts ? (side === "waits_on_me" ? counts.overdueWaitsOnMe : counts.overdueIWaitOn) : 0;
  const byReason = counts ? (side === "waits_on_me" ? counts.waitsOnMeByReason : counts.iWaitOnByReason) : {};
  const reasons = loopReasons.filter((reason) => (byReason[reason] ?? 0) > 0).map((reason) => `${byReason[reason]} ${loopReasonLabels[reason].replace(/^to /, "")}`);
  const titleId = `loops-${allianceId}-${side}`;
  return (
    <section aria-labelledby={titleId}>
      <Group gap="xs" mb="xs">
        <Title order={headingLevel} size="h4" id={titleId}>
          {sideTitles[side]}
          {total !== null ? ` (${total})` : ""}
        </Title>
        {overdue > 0 && (
          <Badge color="red.9" variant="filled">
            {overdue} overdue
          </Badge>
        )}
      </Group>
      {reasons.length > 1 && (
        <Text size="xs" c="dimmed" mb="xs">
          {side === "waits_on_me" ? "For you: " : "For them: "}
          {reasons.join(" · ")}
        </Text>
      )}
      {loops.isPending ? (
        <Loading label="Loading…" />
      ) : loops.isError ? (
        <LoadError error={loops.error} onRetry={() => void loops.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={filters.q || filters.overdue ? "Nothing matches" : sideEmpty[side].title}>{filters.q || filters.overdue ? "Clear the search or the overdue filter to see every loop." : sideEmpty[side].text}</EmptyState>
      ) : (
        <Stack gap="xs">
          <Stack component="ul" gap="xs" aria-label={sideTitles[side]} style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {items.map((item) => (
              <CommitmentCard key={item.id} commitment={item} loop={item.loop} timeZone={timeZone} />
            ))}
          </Stack>
          {loops.hasNextPage && (
            <Button variant="default" size="xs" onClick={() => void loops.fetchNextPage()} loading={loops.isFetchingNextPage} style={{ alignSelf: "flex-start" }}>
              Load more
            </Button>
          )}
        </Stack>
      )}
    </section>
  );
}

function Filters({ q, setQ, overdue, setOverdue }: { q: string; setQ: (q: string) => void; overdue: boolean; setOverdue: (v: boolean) => void }) {
  return (
    <Group gap="md" align="flex-end" wrap="wrap">
      <TextInput label="Search" placeholder="Title or conditions" value={q} onChange={(e) => setQ(e.currentTarget.value)} style={{ flex: "1 1 220px" }} />
      <Checkbox label="Overdue only" checked={overdue} onChange={(e) => setOverdue(e.currentTarget.checked)} mb={8} />
    </Group>
  );
}

function useFilters() {
  const [q, setQ] = useState("");
  const [overdue, setOverdue] = useState(false);
  const [debounced] = useDebouncedValue(q, 250);
  const filters: LoopFilters = { ...(debounced.trim() ? { q: debounced.trim() } : {}), ...(overdue ? { overdue: true } : {}) };
  return { q, setQ, overdue, setOverdue, filters };
}

/** My loops in one alliance: what waits on me and what I wait on, overdue first, live. */
export function AllianceLoopsPage() {
  const { id = "" } = useParams();
  const me = useMe();
  const home = useAllianceHome(id);
  const live = useLiveCommitments(id);
  const { q, setQ, overdue, setOverdue, filters } = useFilters();
  usePageTitle(home.data ? `My loops · ${home.data.name}` : "My loops");
  if (home.isPending) return <Loading label="Loading the alliance…" />;
  if (home.isError) {
    if (isApiError(home.error, "not_found") || isApiError(home.error, "validation_failed")) return <NotFoundPage what="alliance" />;
    return <LoadError error={home.error} onRetry={() => void home.refetch()} title="The alliance could not be loaded" />;
  }
  return (
    <Stack gap="lg">
      <Group gap="md">
        <Anchor component={Link} to={`/alliances/${id}`} size="sm">
          ← {home.data.name}
        </Anchor>
        <Anchor component={Link} to="/loops" size="sm">
          My loops in all alliances
        </Anchor>
      </Group>
      <Group justify="space-between" align="flex-start" gap="sm">
        <Title order={1} className="wrap-anywhere">
          My loops in {home.data.name}
        </Title>
        <Group gap="xs">
          <LiveBadge state={live} />
          {home.data.me.seatIds.length > 0 && (
            <Button component={Link} to={`/alliances/${id}/commitments/new`}>
              Ask or offer
            </Button>
          )}
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        A loop is a conversation for action still open: someone owes the next move. Overdue loops come first.
      </Text>
      <Filters q={q} setQ={setQ} overdue={overdue} setOverdue={setOverdue} />
      <LoopList allianceId={id} side="waits_on_me" filters={filters} timeZone={me.timeZone} headingLevel={2} />
      <LoopList allianceId={id} side="i_wait_on" filters={filters} timeZone={me.timeZone} headingLevel={2} />
    </Stack>
  );
}

function AllianceSection({ allianceId, name, open, filters, timeZone }: { allianceId: string; name: string; open: number; filters: LoopFilters; timeZone: string }) {
  const live = useLiveCommitments(allianceId);
  const titleId = `alliance-${allianceId}`;
  return (
    <section aria-labelledby={titleId}>
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} size="h3" id={titleId} className="wrap-anywhere">
          <Anchor component={Link} to={`/alliances/${allianceId}/loops`} inherit>
            {name}
          </Anchor>
        </Title>
        <Group gap="xs">
          <LiveBadge state={live} />
          <Button component={Link} to={`/alliances/${allianceId}/commitments/new`} variant="default" size="xs">
            Ask or offer in {name}
          </Button>
        </Group>
      </Group>
      {open === 0 && !filters.q && !filters.overdue ? (
        <Text size="sm" c="dimmed">
          No open loops here.
        </Text>
      ) : (
        <Stack gap="md">
          <LoopList allianceId={allianceId} side="waits_on_me" filters={filters} timeZone={timeZone} headingLevel={3} />
          <LoopList allianceId={allianceId} side="i_wait_on" filters={filters} timeZone={timeZone} headingLevel={3} />
        </Stack>
      )}
    </section>
  );
}

/** My loops in every alliance I am part of. */
export function LoopsPage() {
  const me = useMe();
  const counts = useLoopCountsEverywhere();
  const { q, setQ, overdue, setOverdue, filters } = useFilters();
  usePageTitle("My loops");
  const alliances = [...(counts.data?.alliances ?? [])].sort((a, b) => b.overdueWaitsOnMe - a.overdueWaitsOnMe || b.waitsOnMe - a.waitsOnMe || a.name.localeCompare(b.name));
  return (
    <Stack gap="lg">
      <Title order={1}>My loops</Title>
      <Text size="sm" c="dimmed">
        What waits on you — to answer, to do, to declare done — and what you wait on, in every alliance. Overdue loops come first.
      </Text>
      {counts.isPending ? (
        <Loading label="Loading your loops…" />
      ) : counts.isError ? (
        <LoadError error={counts.error} onRetry={() => void counts.refetch()} title="Your loops could not be loaded" />
      ) : alliances.length === 0 ? (
        <EmptyState title="No alliances yet">Once you join an alliance, what partners ask of you and what you ask of them shows here.</EmptyState>
      ) : (
        <>
          <Text fw={500}>
            {counts.data.total.waitsOnMe} waiting on you{counts.data.total.overdueWaitsOnMe > 0 ? ` (${counts.data.total.overdueWaitsOnMe} overdue)` : ""} · you wait on {counts.data.total.iWaitOn}
            {counts.data.total.overdueIWaitOn > 0 ? ` (${counts.data.total.overdueIWaitOn} overdue)` : ""}
          </Text>
          <Filters q={q} setQ={setQ} overdue={overdue} setOverdue={setOverdue} />
          {alliances.map((alliance) => (
            <AllianceSection key={alliance.allianceId} allianceId={alliance.allianceId} name={alliance.name} open={alliance.waitsOnMe + alliance.iWaitOn} filters={filters} timeZone={me.timeZone} />
          ))}
        </>
      )}
    </Stack>
  );
}
