import type { AmendmentState } from "@trellis/core/charter";
import { Anchor, Badge, Button, Group, Paper, SegmentedControl, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import { EmptyState, LoadError, Loading } from "../components/page-states";
import { formatDateTime } from "../labels";
import { useAmendments } from "./charter-api";
import { amendmentKindLabels, amendmentStateColors, amendmentStateLabels, sectionLabels } from "./charter-labels";

const filters: Record<string, readonly AmendmentState[]> = { pending: ["open", "stale"], settled: ["ratified", "rejected", "withdrawn"], all: [] };

/** The charter's amendments, newest first, with a filter and "Load more". */
export function AmendmentList({ allianceId, timeZone, canPropose }: { allianceId: string; timeZone: string; canPropose: boolean }) {
  const [filter, setFilter] = useState("pending");
  const amendments = useAmendments(allianceId, filters[filter] ?? []);
  const items = amendments.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section aria-labelledby="amendments-title">
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} size="h3" id="amendments-title">
          Amendments
        </Title>
        <SegmentedControl
          size="xs"
          value={filter}
          onChange={setFilter}
          aria-label="Which amendments"
          data={[
            { value: "pending", label: "In progress" },
            { value: "settled", label: "Settled" },
            { value: "all", label: "All" },
          ]}
        />
      </Group>
      {amendments.isPending ? (
        <Loading label="Loading the amendments…" />
      ) : amendments.isError ? (
        <LoadError error={amendments.error} onRetry={() => void amendments.refetch()} title="The amendments could not be loaded" />
      ) : items.length === 0 ? (
        <EmptyState title={filter === "pending" ? "No amendment in progress" : "No amendments here"}>
          {canPropose ? "Propose an amendment from a clause (“Propose a change”) or a section (“Propose a clause”)." : "A seat's delegate proposes amendments; they appear here for every seat to ratify."}
        </EmptyState>
      ) : (
        <Stack gap="xs">
          <Stack component="ul" gap="xs" aria-label="Amendments" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {items.map((a) => (
              <Paper key={a.id} component="li" withBorder p="sm" radius="md">
                <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
                  <Anchor component={Link} to={`/alliances/${allianceId}/charter/amendments/${a.id}`} fw={600} className="wrap-anywhere">
                    {a.title}
                  </Anchor>
                  <Badge variant="filled" color={amendmentStateColors[a.state]} style={{ flexShrink: 0 }}>
                    {amendmentStateLabels[a.state]}
                  </Badge>
                </Group>
                <Text size="xs" c="dimmed" className="wrap-anywhere">
                  {amendmentKindLabels[a.kind]} in {sectionLabels[a.section]} · proposed by {a.proposer.displayName} for {a.proposer.seatName} on {formatDateTime(a.proposedAt, timeZone)}
                  {a.draft > 1 ? ` · draft ${a.draft}` : ""}
                  {a.ratifiedAsVersion !== null ? ` · became version ${a.ratifiedAsVersion}` : ""}
                </Text>
              </Paper>
            ))}
          </Stack>
          {amendments.hasNextPage && (
            <Group justify="center">
              <Button variant="default" onClick={() => void amendments.fetchNextPage()} loading={amendments.isFetchingNextPage}>
                Load more amendments
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </section>
  );
}
