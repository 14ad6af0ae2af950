import { Anchor, Button, Checkbox, Group, NativeSelect, Stack, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { isApiError } from "../api/client";
import { useAllianceHome } from "../api/alliances";
import { useMe } from "../api/session";
import { EmptyState, LoadError, Loading } from "../components/page-states";
import { usePageTitle } from "../components/page-title";
import { NotFoundPage } from "../pages/not-found-page";
import { useCommitmentList, useEscalations, type CommitmentFilters } from "./api";
import { CommitmentCard, LiveBadge } from "./components";
import { useLiveCommitments } from "./use-live-commitments";

/** The links between the alliance's commitment pages. */
export function CommitmentsNav({ allianceId, current }: { allianceId: string; current: "list" | "ledger" | "network" | "loops" }) {
  const links = [
    { key: "list", to: `/alliances/${allianceId}/commitments`, label: "All commitments" },
    { key: "loops", to: `/alliances/${allianceId}/loops`, label: "My loops" },
    { key: "ledger", to: `/alliances/${allianceId}/commitments/ledger`, label: "Ledger" },
    { key: "network", to: `/alliances/${allianceId}/commitments/network`, label: "Network" },
  ];
  return (
    <Group gap="md" component="nav" aria-label="Commitments">
      {links.map((link) => (
        <Anchor key={link.key} component={Link} to={link.to} size="sm" aria-current={link.key === current ? "page" : undefined} fw={link.key === current ? 700 : undefined}>
          {link.label}
        </Anchor>
      ))}
    </Group>
  );
}

/** Every commitment of the alliance the person may see: search, filters and pages. */
export function CommitmentsPage() {
  const { id = "" } = useParams();
  const me = useMe();
  const home = useAllianceHome(id);
  const live = useLiveCommitments(id);
  const [q, setQ] = useState("");
  const [debounced] = useDebouncedValue(q, 250);
  const [status, setStatus] = useState<"open" | "closed" | "all">("all");
  const [mine, setMine] = useState(false);
  const [overdue, setOverdue] = useState(false);
  const [seatId, setSeatId] = useState("");
  const filters: CommitmentFilters = { status, ...(debounced.trim() ? { q: debounced.trim() } : {}), ...(mine ? { mine } : {}), ...(overdue ? { overdue } : {}), ...(seatId ? { seatId } : {}) };
  const list = useCommitmentList(id, filters);
  const isFacilitator = home.data?.me.roles.includes("facilitator") ?? false;
  const escalations = useEscalations(id, isFacilitator);
  usePageTitle(home.data ? `Commitments · ${home.data.name}` : "Commitments");
  if (home.isPending) return <Loading label="Loading the alliance…" />;
  if (home.isError) {
    if (isApiError(home.error, "not_found") || isApiError(home.error, "validation_failed")) return <NotFoundPage what="alliance" />;
    return <LoadError error={home.error} onRetry={() => void home.refetch()} title="The alliance could not be loaded" />;
  }
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = Boolean(filters.q || mine || overdue || seatId || status !== "all");
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/alliances/${id}`} size="sm">
        ← {home.data.name}
      </Anchor>
      <Group justify="space-between" align="flex-start" gap="sm">
        <Title order={1}>Commitments</Title>
        <Group gap="xs">
          <LiveBadge state={live} />
          {home.data.me.seatIds.length > 0 && (
            <Button component={Link} to={`/alliances/${id}/commitments/new`}>
              Ask or offer
            </Button>
          )}
        </Group>
      </Group>
      <CommitmentsNav allianceId={id} current="list" />
      <Text size="sm" c="dimmed">
        Each commitment is a conversation for action: one side asks, the other promises, reports it done, and the one who asked declares whether it is.
      </Text>
      {isFacilitator && escalations.data && escalations.data.items.length > 0 && (
        <section aria-labelledby="escalations-title">
          <Title order={2} size="h3" id="escalations-title" mb={4}>
            Overdue more than a week
          </Title>
          <Text size="sm" c="dimmed" mb="xs">
            These loops have stalled; as facilitator you can remind the person they wait on from the commitment's page.
          </Text>
          <Stack component="ul" gap="xs" aria-label="Overdue more than a week" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {escalations.data.items.map((item) => (
              <CommitmentCard key={item.id} commitment={item} timeZone={me.timeZone} />
            ))}
          </Stack>
        </section>
      )}
      <Group gap="md" align="flex-end" wrap="wrap">
        <TextInput label="Search" placeholder="Title or conditions" value={q} onChange={(e) => setQ(e.currentTarget.value)} style={{ flex: "1 1 200px" }} />
        <NativeSelect
          label="Status"
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value as "open" | "closed" | "all")}
          data={[
            { value: "all", label: "All" },
            { value: "open", label: "Open" },
            { value: "closed", label: "Closed" },
          ]}
        />
        <NativeSelect label="Seat" value={seatId} onChange={(e) => setSeatId(e.currentTarget.value)} data={[{ value: "", label: "Every seat" }, ...home.data.seats.map((seat) => ({ value: seat.id, label: seat.organization.name }))]} />
        <Checkbox label="Mine" checked={mine} onChange={(e) => setMine(e.currentTarget.checked)} mb={8} />
        <Checkbox label="Overdue" checked={overdue} onChange={(e) => setOverdue(e.currentTarget.checked)} mb={8} />
      </Group>
      {list.isPending ? (
        <Loading label="Loading the commitments…" />
      ) : list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} title="The commitments could not be loaded" />
      ) : items.length === 0 ? (
        <EmptyState title={filtered ? "Nothing matches" : "No commitments yet"}>
          {filtered ? "Change the search or the filters." : "Ask a partner for something with “Ask or offer”: a request with conditions of satisfaction and a date."}
        </EmptyState>
      ) : (
        <Stack gap="xs">
          <Stack component="ul" gap="xs" aria-label="Commitments" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {items.map((item) => (
              <CommitmentCard key={item.id} commitment={item} timeZone={me.timeZone} />
            ))}
          </Stack>
          {list.hasNextPage && (
            <Button variant="default" size="xs" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} style={{ alignSelf: "flex-start" }}>
              Load more
            </Button>
          )}
        </Stack>
      )}
    </Stack>
  );
}
