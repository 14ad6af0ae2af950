import { Anchor, Badge, Button, Checkbox, Group, Paper, SimpleGrid, Stack, Text, TextInput, Timeline, Title } from "@mantine/core";
import { storyDynamics } from "@trellis/core/story/story-event";
import { useState } from "react";
import { Link } from "react-router";
import type { AllianceHome } from "../api/types";
import { EmptyState, LoadError, Loading } from "../components/page-states";
import { storyExportUrl, useLanguageLive, useStory, type StoryFilters } from "./api";
import { dynamicLabels } from "./language-labels";
import { isRegisterKind, PageHead, recordPath, WithAlliance } from "./language-shell";
import type { StoryEntry } from "./types";

/** Entries grouped by month, in order. */
function byMonth(entries: readonly StoryEntry[]): { month: string; heading: string; entries: StoryEntry[] }[] {
  const months: { month: string; heading: string; entries: StoryEntry[] }[] = [];
  for (const entry of entries) {
    const last = months.at(-1);
    if (last && last.month === entry.month) last.entries.push(entry);
    else months.push({ month: entry.month, heading: entry.monthHeading, entries: [entry] });
  }
  return months;
}

function Story({ home }: { home: AllianceHome }) {
  const live = useLanguageLive(home.id);
  const [filters, setFilters] = useState<StoryFilters>({ seatIds: [], dynamics: [], from: "", to: "" });
  const story = useStory(home.id, filters);
  const filtered = filters.seatIds.length > 0 || filters.dynamics.length > 0 || filters.from !== "" || filters.to !== "";

  return (
    <Stack gap="lg">
      <PageHead
        home={home}
        title="The story"
        live={live}
        help="The alliance's history read as a narrative: decisions, promises kept and broken, breakdowns and how they were reframed, renewals. You see what your role may see; anonymous tensions never name their author."
        actions={
          <Group gap="xs">
            <Button component="a" href={storyExportUrl(home.id, "markdown", filters)} download variant="default">
              Export as Markdown
            </Button>
            <Button component="a" href={storyExportUrl(home.id, "pdf", filters)} download variant="default">
              Export as PDF
            </Button>
          </Group>
        }
      />
      <Paper withBorder p="md" radius="md" component="form" role="search" aria-label="Filter the story" onSubmit={(e) => e.preventDefault()}>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <Checkbox.Group label="Seats" value={filters.seatIds} onChange={(seatIds) => setFilters((old) => ({ ...old, seatIds }))}>
            <Stack gap={4} mt={4}>
              {home.seats.map((seat) => (
                <Checkbox key={seat.id} value={seat.id} label={seat.organization.name} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Checkbox.Group label="Dynamics" value={filters.dynamics} onChange={(dynamics) => setFilters((old) => ({ ...old, dynamics }))}>
            <Stack gap={4} mt={4}>
              {storyDynamics.map((dynamic) => (
                <Checkbox key={dynamic} value={dynamic} label={dynamicLabels[dynamic] ?? dynamic} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Stack gap="xs">
            <TextInput label="From" type="date" value={filters.from} onChange={(e) => setFilters((old) => ({ ...old, from: e.currentTarget.value }))} />
            <TextInput label="Until" type="date" value={filters.to} onChange={(e) => setFilters((old) => ({ ...old, to: e.currentTarget.value }))} />
            {filtered && (
              <Button variant="subtle" size="xs" onClick={() => setFilters({ seatIds: [], dynamics: [], from: "", to: "" })}>
                Clear filters
              </Button>
            )}
          </Stack>
        </SimpleGrid>
      </Paper>
      {story.isPending ? (
        <Loading label="Loading the story…" />
      ) : story.isError ? (
        <LoadError error={story.error} onRetry={() => void story.refetch()} title="The story could not be told" />
      ) : story.data.entries.length === 0 ? (
        <EmptyState title={filtered ? "Nothing in this part of the story" : "The story has not begun"}>
          {filtered ? "Widen the period or clear a filter." : "As partners decide, promise, name breakdowns and learn, their story is told here."}
        </EmptyState>
      ) : (
        <Stack gap="lg">
          <Text size="sm" c="dimmed" role="status">
            {story.data.subtitle ? `${story.data.subtitle}: ` : ""}
            {story.data.count} {story.data.count === 1 ? "event" : "events"}, oldest first.
          </Text>
          {byMonth(story.data.entries).map((month) => (
            <section key={month.month} aria-labelledby={`month-${month.month}`}>
              <Title order={2} size="h3" id={`month-${month.month}`} mb="sm">
                {month.heading}
              </Title>
              <Timeline bulletSize={12} lineWidth={2} role="list" aria-label={`The story in ${month.heading}`}>
                {month.entries.map((entry) => (
                  <Timeline.Item key={entry.eventId} role="listitem">
                    <Text size="sm" className="wrap-anywhere">
                      {entry.record && isRegisterKind(entry.record.type) ? (
                        <Anchor component={Link} to={recordPath(home.id, entry.record.type, entry.record.id)} inherit>
                          {entry.headline}
                        </Anchor>
                      ) : (
                        entry.headline
                      )}
                    </Text>
                    <Group gap="xs">
                      <Text size="xs" c="dimmed" component="time" dateTime={entry.at}>
                        {entry.day}
                      </Text>
                      <Badge size="xs" variant="outline" color="gray.8">
                        {dynamicLabels[entry.dynamic] ?? entry.dynamic}
                      </Badge>
                    </Group>
                  </Timeline.Item>
                ))}
              </Timeline>
            </section>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

/** The alliance's story: its timeline as a narrative, filtered by seat, dynamic and period, exportable. */
export function StoryPage() {
  return <WithAlliance title="The story">{(home) => <Story home={home} />}</WithAlliance>;
}
