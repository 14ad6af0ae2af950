import { Anchor, Badge, Button, Card, Grid, Group, Modal, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { isApiError } from "../api/client";
import { useAllianceHome } from "../api/alliances";
import { useMe } from "../api/session";
import type { AllianceHome } from "../api/types";
import { FormError } from "../components/form-errors";
import { EmptyState, LoadError, Loading } from "../components/page-states";
import { usePageTitle } from "../components/page-title";
import { formatDate, formatDateTime, labelOf } from "../labels";
import { NotFoundPage } from "../pages/not-found-page";
import { useCadences, useCancelOccurrence, useMeetings, useOccurrences, useOpenMeeting, useRhythmSignals } from "./api";
import { CadenceForm } from "./cadence-form";
import { CalendarFeeds } from "./calendar-feeds";
import { cadenceKindLabels, formatMinutes, formatShare, meetingStatusColors, meetingStatusLabels, renewalSourceLabels, renewalStateLabels } from "./labels";
import { LiveBadge } from "./live-badge";
import { useLiveRhythm } from "./live";
import type { Cadence, MeetingSummary, Occurrence } from "./types";

const isFacilitatorOf = (home: AllianceHome) => home.me.roles.includes("facilitator");
const mayOpenMeetings = (home: AllianceHome) => home.me.roles.includes("facilitator") || home.me.roles.includes("delegate");

function CadenceCard({ cadence, canEdit, onEdit }: { cadence: Cadence; canEdit: boolean; onEdit: () => void }) {
  return (
    <Card withBorder radius="md" padding="md" component="li" aria-label={`Cadence ${cadence.title}`}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
          <Text fw={600} className="wrap-anywhere">
            {cadence.title}
          </Text>
          <Badge variant="light" color="indigo" style={{ flexShrink: 0 }}>
            {labelOf(cadenceKindLabels, cadence.kind)}
          </Badge>
        </Group>
        <Text size="sm">{cadence.ruleDescription}</Text>
        <Text size="xs" c="dimmed">
          Time zone {cadence.timeZone} · {formatMinutes(cadence.durationMinutes)} · {cadence.agendaCutoffMinutes === 0 ? "agenda open until the start" : `agenda closes ${formatMinutes(cadence.agendaCutoffMinutes)} before`}
        </Text>
        <Text size="sm">
          <Text span fw={600} size="sm">
            Seats expected:
          </Text>{" "}
          {cadence.expectedSeats.length ? cadence.expectedSeats.map((s) => s.name).join(", ") : "none"}
        </Text>
        <Text size="sm">
          <Text span fw={600} size="sm">
            Next:
          </Text>{" "}
          {cadence.archived ? "archived, no more meetings" : cadence.nextOccurrence ? cadence.nextOccurrence.view.label : "no further dates"}
        </Text>
        {canEdit && (
          <Group>
            <Button size="compact-sm" variant="default" onClick={onEdit} aria-label={`Edit the cadence ${cadence.title}`}>
              Edit
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

function OccurrenceRow({ home, occurrence }: { home: AllianceHome; occurrence: Occurrence }) {
  const navigate = useNavigate();
  const open = useOpenMeeting(home.id);
  const cancel = useCancelOccurrence(home.id);
  const meeting = occurrence.meeting;
  return (
    <Paper withBorder p="sm" radius="md" component="li" aria-label={`${occurrence.cadenceTitle}, ${occurrence.view.label}`}>
      <Stack gap={4}>
        <Group justify="space-between" gap="xs" align="flex-start">
          <div style={{ minWidth: 0 }}>
            <Text fw={600} size="sm" className="wrap-anywhere">
              {occurrence.cadenceTitle}
            </Text>
            <Text size="sm" td={occurrence.cancelled ? "line-through" : undefined}>
              {occurrence.view.label}
            </Text>
          </div>
          {occurrence.cancelled ? (
            <Badge color="red.9">Cancelled</Badge>
          ) : meeting ? (
            <Badge color={meetingStatusColors[meeting.status] ?? "gray.7"}>{labelOf(meetingStatusLabels, meeting.status)}</Badge>
          ) : null}
        </Group>
        {!occurrence.cancelled && (
          <Text size="xs" c="dimmed">
            Agenda closes {formatDateTime(occurrence.agendaCutoffAt, occurrence.view.timeZone)}
            {meeting ? ` · ${meeting.agendaItemCount} agenda ${meeting.agendaItemCount === 1 ? "item" : "items"}` : ""}
          </Text>
        )}
        <FormError error={open.error ?? cancel.error} />
        <Group gap="xs">
          {meeting ? (
            <Anchor component={Link} to={`/alliances/${home.id}/meetings/${meeting.id}`} size="sm">
              Open the meeting
            </Anchor>
          ) : (
            !occurrence.cancelled &&
            mayOpenMeetings(home) && (
              <Button
                size="compact-sm"
                loading={open.isPending}
                onClick={() => open.mutate({ cadenceId: occurrence.cadenceId, occurrenceKey: occurrence.occurrenceKey }, { onSuccess: (m) => void navigate(`/alliances/${home.id}/meetings/${m.id}`) })}
              >
                Prepare the agenda
              </Button>
            )
          )}
          {isFacilitatorOf(home) && (!meeting || meeting.status === "scheduled" || meeting.status === "cancelled") && (
            <Button
              size="compact-sm"
              variant="default"
              loading={cancel.isPending}
              onClick={() => cancel.mutate({ cadenceId: occurrence.cadenceId, occurrenceKey: occurrence.occurrenceKey, cancel: !occurrence.cancelled })}
            >
              {occurrence.cancelled ? "Reinstate" : "Cancel this date"}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

function MeetingList({ home, meetings, label }: { home: AllianceHome; meetings: MeetingSummary[]; label: string }) {
  return (
    <Stack gap="xs" component="ul" aria-label={label} style={{ listStyle: "none", padding: 0, margin: 0 }}>
      {meetings.map((m) => (
        <Paper key={m.id} withBorder p="sm" radius="md" component="li">
          <Group justify="space-between" gap="xs" align="flex-start">
            <div style={{ minWidth: 0 }}>
              <Anchor component={Link} to={`/alliances/${home.id}/meetings/${m.id}`} fw={600} size="sm" className="wrap-anywhere">
                {m.title}
              </Anchor>
              <Text size="sm">{m.view.label}</Text>
              <Text size="xs" c="dimmed">
                {m.agendaItemCount} agenda {m.agendaItemCount === 1 ? "item" : "items"}
                {m.minutesVersion ? ` · minutes version ${m.minutesVersion}` : ""}
              </Text>
            </div>
            <Badge color={meetingStatusColors[m.status] ?? "gray.7"}>{labelOf(meetingStatusLabels, m.status)}</Badge>
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}

function Meetings({ home }: { home: AllianceHome }) {
  const meetings = useMeetings(home.id);
  const items = meetings.data?.pages.flatMap((p) => p.items) ?? [];
  const upcoming = items.filter((m) => m.status === "scheduled" || m.status === "in_progress").reverse();
  const past = items.filter((m) => m.status === "closed" || m.status === "cancelled");
  return (
    <section aria-labelledby="meetings-title">
      <Title order={2} size="h3" id="meetings-title" mb="sm">
        Meetings
      </Title>
      {meetings.isPending ? (
        <Loading label="Loading the meetings…" />
      ) : meetings.isError ? (
        <LoadError error={meetings.error} onRetry={() => void meetings.refetch()} title="The meetings could not be loaded" />
      ) : (
        <Stack gap="md">
          <div>
            <Title order={3} size="h5" mb="xs">
              Upcoming
            </Title>
            {upcoming.length ? (
              <MeetingList home={home} meetings={upcoming} label="Upcoming meetings" />
            ) : (
              <EmptyState title="No meeting is being prepared">
                {mayOpenMeetings(home) ? "Pick a date under “Next dates” and prepare its agenda." : "A delegate or the facilitator prepares a meeting's agenda from one of the next dates."}
              </EmptyState>
            )}
          </div>
          <div>
            <Title order={3} size="h5" mb="xs">
              Past
            </Title>
            {past.length ? <MeetingList home={home} meetings={past} label="Past meetings" /> : <Text size="sm" c="dimmed">No meeting has been held yet.</Text>}
          </div>
          {meetings.hasNextPage && (
            <Group>
              <Button variant="default" loading={meetings.isFetchingNextPage} onClick={() => void meetings.fetchNextPage()}>
                Load more meetings
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </section>
  );
}

function Signals({ home, timeZone }: { home: AllianceHome; timeZone: string }) {
  const signals = useRhythmSignals(home.id);
  return (
    <section aria-labelledby="signals-title">
      <Title order={2} size="h3" id="signals-title" mb="sm">
        Rhythm signals
      </Title>
      {signals.isPending ? (
        <Loading label="Loading the rhythm signals…" />
      ) : signals.isError ? (
        <LoadError error={signals.error} onRetry={() => void signals.refetch()} title="The rhythm signals could not be loaded" />
      ) : (
        <Stack gap="sm">
          <Paper withBorder p="sm" radius="md">
            <Text fw={600} size="sm">
              Cadence adherence: {formatShare(signals.data.adherence.adherence)}
            </Text>
            <Text size="sm">
              {signals.data.adherence.due === 0
                ? "No meeting was due in the last six months."
                : `${signals.data.adherence.onSchedule} of ${signals.data.adherence.due} meetings due were held within an hour of their time; ${signals.data.adherence.missed} missed.`}
            </Text>
            <Text size="xs" c="dimmed">
              Meetings held as scheduled since {formatDate(signals.data.window.from, timeZone)}. A rhythm kept is alignment renewed.
            </Text>
          </Paper>
          <Paper withBorder p="sm" radius="md">
            <Text fw={600} size="sm">
              Shared intent renewed: {labelOf(renewalStateLabels, signals.data.renewal.state)}
            </Text>
            <Text size="sm">
              {signals.data.renewal.daysSince === null ? "Not renewed yet." : `${signals.data.renewal.daysSince} days since ${labelOf(renewalSourceLabels, signals.data.renewal.source)}`}
              {signals.data.renewal.dueAt ? `; next renewal due ${formatDate(signals.data.renewal.dueAt, timeZone)}` : ""}
              {signals.data.renewal.isOverdue ? ` (${signals.data.renewal.daysOverdue} days overdue)` : ""}.
            </Text>
            <Text size="xs" c="dimmed">
              Time since the partners last renewed their shared intent, against the charter's renewal period of {signals.data.renewal.periodMonths} months.
            </Text>
          </Paper>
          <Paper withBorder p="sm" radius="md">
            <Text fw={600} size="sm">
              Skipped-meeting streak per seat
            </Text>
            <Text size="xs" c="dimmed" mb={4}>
              How many of the latest meetings each seat was expected at and missed in a row; a growing streak is a partner drifting away.
            </Text>
            {signals.data.skippedMeetingStreaks.length === 0 ? (
              <Text size="sm">No seat is expected at any meeting yet.</Text>
            ) : (
              <Table.ScrollContainer minWidth={260}>
                <Table aria-label="Skipped-meeting streak per seat" withRowBorders>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">Seat</Table.Th>
                      <Table.Th scope="col">Streak</Table.Th>
                      <Table.Th scope="col">Attended</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {signals.data.skippedMeetingStreaks.map((s) => {
                      const attendance = signals.data.seatAttendance.find((a) => a.seatId === s.seatId);
                      return (
                        <Table.Tr key={s.seatId}>
                          <Table.Td className="wrap-anywhere">{s.seatName}</Table.Td>
                          <Table.Td>{s.streak}</Table.Td>
                          <Table.Td>{attendance ? `${attendance.attended} of ${attendance.expected}` : "—"}</Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Paper>
          <Text size="sm">
            Meeting ratings: {signals.data.meetingRatings.average === null ? "none yet" : `average ${signals.data.meetingRatings.average.toFixed(1)} of 5 from ${signals.data.meetingRatings.count}`}.
          </Text>
        </Stack>
      )}
    </section>
  );
}

/** The alliance's rhythm: cadences, the next dates, meetings, the rhythm signals and the calendar feed. */
export function RhythmPage() {
  const { id = "" } = useParams();
  const me = useMe();
  const home = useAllianceHome(id);
  const cadences = useCadences(id);
  const occurrences = useOccurrences(id);
  const live = useLiveRhythm(id);
  const [editing, setEditing] = useState<Cadence | "new" | null>(null);
  const phone = useMediaQuery("(max-width: 36em)");
  usePageTitle(home.data ? `Rhythm · ${home.data.name}` : "Rhythm");

  if (home.isPending) return <Loading label="Loading the rhythm…" />;
  if (home.isError) {
    if (isApiError(home.error, "not_found") || isApiError(home.error, "validation_failed")) return <NotFoundPage what="alliance" />;
    return <LoadError error={home.error} onRetry={() => void home.refetch()} title="The alliance could not be loaded" />;
  }
  const alliance = home.data;
  const facilitator = isFacilitatorOf(alliance);
  const cadenceList = cadences.data?.pages.flatMap((p) => p.items) ?? [];
  const occurrenceList = occurrences.data?.pages.flatMap((p) => p.items) ?? [];
  const reloadCadence = async (cadenceId: string) => (await cadences.refetch()).data?.pages.flatMap((p) => p.items).find((c) => c.id === cadenceId);

  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <Anchor component={Link} to={`/alliances/${alliance.id}`} size="sm">
          ← {alliance.name}
        </Anchor>
        <Group justify="space-between" align="flex-start" gap="sm">
          <Title order={1}>Rhythm</Title>
          <Group gap="sm">
            <LiveBadge state={live} />
            {facilitator && <Button onClick={() => setEditing("new")}>Define a cadence</Button>}
          </Group>
        </Group>
        <Text>The alliance's recurring meetings: when they happen, what is on their agendas, and how well the rhythm is kept. Times show in your time zone, {me.timeZone}.</Text>
      </Stack>

      <Grid gutter="xl">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="xl">
            <section aria-labelledby="cadences-title">
              <Title order={2} size="h3" id="cadences-title" mb="sm">
                Cadences
              </Title>
              {cadences.isPending ? (
                <Loading label="Loading the cadences…" />
              ) : cadences.isError ? (
                <LoadError error={cadences.error} onRetry={() => void cadences.refetch()} title="The cadences could not be loaded" />
              ) : cadenceList.length === 0 ? (
                <EmptyState title="No cadence yet">
                  {facilitator ? "Use “Define a cadence” for the alliance's check-ins, governance meetings and renewals." : "The facilitator has not defined the alliance's recurring meetings yet."}
                </EmptyState>
              ) : (
                <Stack gap="sm">
                  <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
                    {cadenceList.map((cadence) => (
                      <CadenceCard key={cadence.id} cadence={cadence} canEdit={facilitator} onEdit={() => setEditing(cadence)} />
                    ))}
                  </SimpleGrid>
                  {cadences.hasNextPage && (
                    <Group>
                      <Button variant="default" loading={cadences.isFetchingNextPage} onClick={() => void cadences.fetchNextPage()}>
                        Load more cadences
                      </Button>
                    </Group>
                  )}
                </Stack>
              )}
            </section>

            <section aria-labelledby="dates-title">
              <Title order={2} size="h3" id="dates-title" mb="xs">
                Next dates
              </Title>
              <Text size="sm" c="dimmed" mb="sm">
                The coming 90 days of every cadence. Preparing a date's agenda lets every seat add items until its cutoff.
              </Text>
              {occurrences.isPending ? (
                <Loading label="Loading the next dates…" />
              ) : occurrences.isError ? (
                <LoadError error={occurrences.error} onRetry={() => void occurrences.refetch()} title="The next dates could not be loaded" />
              ) : occurrenceList.length === 0 ? (
                <EmptyState title="Nothing in the next 90 days">{facilitator ? "Define a cadence, or change a cadence's schedule." : "No meeting is scheduled in the next 90 days."}</EmptyState>
              ) : (
                <Stack gap="xs">
                  <Stack gap="xs" component="ul" aria-label="Next dates" style={{ listStyle: "none", padding: 0, margin: 0 }}>
                    {occurrenceList.map((o) => (
                      <OccurrenceRow key={`${o.cadenceId}:${o.occurrenceKey}`} home={alliance} occurrence={o} />
                    ))}
                  </Stack>
                  {occurrences.hasNextPage && (
                    <Group>
                      <Button variant="default" loading={occurrences.isFetchingNextPage} onClick={() => void occurrences.fetchNextPage()}>
                        Load more dates
                      </Button>
                    </Group>
                  )}
                </Stack>
              )}
            </section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="xl">
            <Meetings home={alliance} />
            <Signals home={alliance} timeZone={me.timeZone} />
            <Paper withBorder p="md" radius="md">
              <CalendarFeeds allianceId={alliance.id} timeZone={me.timeZone} />
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>

      <Modal fullScreen={phone} opened={editing !== null} onClose={() => setEditing(null)} title={editing === "new" ? "Define a cadence" : "Edit the cadence"} size="lg">
        {editing !== null && (
          <CadenceForm
            home={alliance}
            cadence={editing === "new" ? null : editing}
            personTimeZone={me.timeZone}
            onDone={() => setEditing(null)}
            onReload={() => (editing === "new" ? Promise.resolve(undefined) : reloadCadence(editing.id))}
          />
        )}
      </Modal>
    </Stack>
  );
}
