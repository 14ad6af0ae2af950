import { Anchor, Badge, Button, Grid, Group, Modal, Stack, Text, Textarea, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useState, type FormEvent } from "react";
import { Link, useParams } from "react-router";
import { isApiError } from "../api/client";
import { useAllianceHome } from "../api/alliances";
import { useMe } from "../api/session";
import { fieldError, FormError } from "../components/form-errors";
import { LoadError, Loading } from "../components/page-states";
import { usePageTitle } from "../components/page-title";
import { formatDateTime, labelOf } from "../labels";
import { NotFoundPage } from "../pages/not-found-page";
import { Agenda } from "./agenda";
import { useMeeting } from "./api";
import { AntitrustNotice, Attendance, Ratings } from "./attendance";
import { meetingStatusColors, meetingStatusLabels } from "./labels";
import { LiveBadge } from "./live-badge";
import { useLiveRhythm } from "./live";
import { useMeetingActions, type MeetingActions } from "./meeting-actions";
import { MinutesSection } from "./minutes";
import { Outcomes } from "./outcomes";
import type { Meeting } from "./types";

function CloseForm({ actions, onDone }: { actions: MeetingActions; onDone: () => void }) {
  const [summary, setSummary] = useState("");
  const close = actions.close;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    close.mutate({ summary }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Close the meeting">
      <Stack gap="sm">
        <Text size="sm">Closing publishes the minutes to the alliance as version 1: the notice, attendance, the agenda with notes, objections, outcomes and ratings. Later edits add versions.</Text>
        <FormError error={close.error} fields={["summary"]} title="Could not close the meeting" />
        <Textarea label="Summary" autosize minRows={3} value={summary} onChange={(e) => setSummary(e.currentTarget.value)} error={fieldError(close.error, "summary")} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Not yet
          </Button>
          <Button type="submit" loading={close.isPending}>
            Close and publish the minutes
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function FacilitatorControls({ meeting, actions, onClose }: { meeting: Meeting; actions: MeetingActions; onClose: () => void }) {
  const { circulate, start } = actions;
  if (!meeting.can.circulate && !meeting.can.start && !meeting.can.close) return null;
  return (
    <Stack gap="xs">
      <FormError error={circulate.error ?? start.error} />
      {circulate.isSuccess && (
        <Text size="sm" role="status">
          The agenda was sent by email to everyone who may see this meeting.
        </Text>
      )}
      <Group gap="xs">
        {meeting.can.circulate && meeting.agenda.length > 0 && (
          <Button variant="default" loading={circulate.isPending} onClick={() => circulate.mutate()}>
            Circulate the agenda
          </Button>
        )}
        {meeting.can.start && (
          <Button loading={start.isPending} onClick={() => start.mutate()}>
            Start the meeting
          </Button>
        )}
        {meeting.can.close && <Button onClick={onClose}>Close the meeting</Button>}
      </Group>
    </Stack>
  );
}

function MeetingView({ meeting, onReload }: { meeting: Meeting; onReload: () => Promise<Meeting | undefined> }) {
  const me = useMe();
  const home = useAllianceHome(meeting.allianceId);
  const actions = useMeetingActions(meeting);
  const live = useLiveRhythm(meeting.allianceId);
  const [closing, setClosing] = useState(false);
  const phone = useMediaQuery("(max-width: 36em)");
  const zoneDiffers = meeting.view.timeZone !== meeting.organizerView.timeZone;

  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <Group gap="md">
          <Anchor component={Link} to={`/alliances/${meeting.allianceId}`} size="sm">
            ← {meeting.allianceName}
          </Anchor>
          <Anchor component={Link} to={`/alliances/${meeting.allianceId}/rhythm`} size="sm">
            Rhythm
          </Anchor>
        </Group>
        <Group justify="space-between" align="flex-start" gap="sm">
          <Group gap="sm" align="center" style={{ minWidth: 0 }}>
            <Title order={1} className="wrap-anywhere">
              {meeting.title}
            </Title>
            <Badge size="lg" color={meetingStatusColors[meeting.status] ?? "gray.7"}>
              {labelOf(meetingStatusLabels, meeting.status)}
            </Badge>
          </Group>
          <LiveBadge state={live} />
        </Group>
        <Text>{meeting.view.label}</Text>
        {zoneDiffers && <Text size="sm" c="dimmed">For the organizers: {meeting.organizerView.label}</Text>}
        {meeting.location && (
          <Text size="sm" className="wrap-anywhere">
            Where: {meeting.location}
          </Text>
        )}
        {meeting.startedAt && (
          <Text size="sm" c="dimmed">
            Started {formatDateTime(meeting.startedAt, me.timeZone)}
            {meeting.closedAt ? `, closed ${formatDateTime(meeting.closedAt, me.timeZone)}` : ""}
          </Text>
        )}
        <FacilitatorControls meeting={meeting} actions={actions} onClose={() => setClosing(true)} />
      </Stack>

      {meeting.status !== "closed" && <AntitrustNotice meeting={meeting} actions={actions} />}

      {home.isError ? (
        <LoadError error={home.error} onRetry={() => void home.refetch()} title="The alliance could not be loaded" />
      ) : !home.data ? (
        <Loading label="Loading the meeting…" />
      ) : (
        <Grid gutter="xl">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack gap="xl">
              <MinutesSection meeting={meeting} timeZone={me.timeZone} />
              <Agenda meeting={meeting} home={home.data} actions={actions} timeZone={me.timeZone} onReload={onReload} />
              <Outcomes meeting={meeting} home={home.data} actions={actions} timeZone={me.timeZone} />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Stack gap="xl">
              <Attendance meeting={meeting} actions={actions} personId={me.id} />
              {meeting.status === "closed" && <AntitrustNotice meeting={meeting} actions={actions} />}
              <Ratings meeting={meeting} actions={actions} />
            </Stack>
          </Grid.Col>
        </Grid>
      )}

      <Modal fullScreen={phone} opened={closing} onClose={() => setClosing(false)} title="Close the meeting">
        {closing && <CloseForm actions={actions} onDone={() => setClosing(false)} />}
      </Modal>
    </Stack>
  );
}

/** One meeting: its agenda, the antitrust notice, attendance, notes, outcomes, ratings and minutes. */
export function MeetingPage() {
  const { id = "", meetingId = "" } = useParams();
  const meeting = useMeeting(id, meetingId);
  usePageTitle(meeting.data ? `${meeting.data.title} · ${meeting.data.allianceName}` : "Meeting");
  if (meeting.isPending) return <Loading label="Loading the meeting…" />;
  if (meeting.isError) {
    if (isApiError(meeting.error, "not_found") || isApiError(meeting.error, "validation_failed")) return <NotFoundPage what="meeting" />;
    return <LoadError error={meeting.error} onRetry={() => void meeting.refetch()} title="The meeting could not be loaded" />;
  }
  return <MeetingView meeting={meeting.data} onReload={async () => (await meeting.refetch()).data} />;
}
