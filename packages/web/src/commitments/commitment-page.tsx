import { Alert, Anchor, Button, Group, Paper, SimpleGrid, Stack, Text, Textarea, Title, VisuallyHidden } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useCallback, useState } from "react";
import { Link, useParams } from "react-router";
import { isApiError } from "../api/client";
import { useAllianceHome } from "../api/alliances";
import { useMe } from "../api/session";
import type { ActivityItem } from "../api/types";
import { FormError } from "../components/form-errors";
import { LoadError, Loading } from "../components/page-states";
import { usePageTitle } from "../components/page-title";
import { formatDateTime } from "../labels";
import { NotFoundPage } from "../pages/not-found-page";
import { useCommitment, useNudgeCommitment } from "./api";
import { LiveBadge, OverdueBadge, StateBadge } from "./components";
import { formatDue } from "./format";
import { MoveForm } from "./move-form";
import type { CommitmentDetail, MoveOption, Party, ThreadEntry } from "./types";
import { useLiveCommitments } from "./use-live-commitments";

function PartyText({ party }: { party: Party }) {
  return (
    <>
      {party.person.displayName}{" "}
      <Text span size="sm" c="dimmed">
        for {party.seat.name}
      </Text>
    </>
  );
}

function Terms({ commitment, timeZone }: { commitment: CommitmentDetail; timeZone: string }) {
  const pending = commitment.pendingRenegotiation;
  const waitingOn = commitment.turn ? (commitment.turn.role === "customer" ? commitment.customer : commitment.performer) : null;
  return (
    <section aria-labelledby="terms-title">
      <Title order={2} size="h3" id="terms-title" mb="sm">
        Current terms
      </Title>
      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <div>
            <Text size="sm" fw={600}>
              Conditions of satisfaction
            </Text>
            <Text className="wrap-anywhere" style={{ whiteSpace: "pre-line" }}>
              {commitment.conditions}
            </Text>
          </div>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <div>
              <Text size="sm" fw={600}>
                Due
              </Text>
              <Text size="sm" c={commitment.deadline.isOverdue && commitment.deadline.kind === "due" ? "red.9" : undefined}>
                {formatDue(commitment.dueAt, commitment.timeZone, timeZone)}
              </Text>
            </div>
            <div>
              <Text size="sm" fw={600}>
                Asked by (customer)
              </Text>
              <Text size="sm">
                <PartyText party={commitment.customer} />
              </Text>
            </div>
            <div>
              <Text size="sm" fw={600}>
                To do it (performer)
              </Text>
              <Text size="sm">
                <PartyText party={commitment.performer} />
              </Text>
            </div>
          </SimpleGrid>
          {commitment.commitToCommitBy && commitment.isOpen && (
            <Text size="sm">
              {commitment.performer.person.displayName} will answer by {formatDateTime(commitment.commitToCommitBy, timeZone)}.
            </Text>
          )}
          {pending && (
            <Alert color="blue" variant="light" title="New terms proposed">
              <Text size="sm">
                {pending.person.displayName} proposed
                {pending.conditions ? ` the conditions “${pending.conditions}”` : ""}
                {pending.conditions && pending.dueAt ? " and" : ""}
                {pending.dueAt ? ` the date ${formatDue(pending.dueAt, pending.timeZone ?? commitment.timeZone, timeZone)}` : ""}. The current promise stands until the other side accepts.
              </Text>
            </Alert>
          )}
          <Text size="sm" fw={500}>
            {waitingOn && commitment.turn
              ? `Waiting on ${waitingOn.person.displayName} (${waitingOn.seat.name}) ${commitment.turn.reasonLabel}.`
              : `Closed${commitment.closedAt ? ` on ${formatDateTime(commitment.closedAt, timeZone)}` : ""}: ${commitment.stateLabel}.`}
          </Text>
        </Stack>
      </Paper>
    </section>
  );
}

function ThreadItem({ entry, commitment, timeZone }: { entry: ThreadEntry; commitment: CommitmentDetail; timeZone: string }) {
  const seat = entry.role === "customer" ? commitment.customer.seat.name : commitment.performer.seat.name;
  return (
    <Paper withBorder p="sm" radius="md" component="li" aria-label={`${entry.label} by ${entry.by.displayName}`}>
      <Stack gap={4}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text size="sm">
            <Text span fw={600}>
              {entry.by.displayName}
            </Text>{" "}
            <Text span size="xs" c="dimmed">
              ({seat})
            </Text>
            : {entry.label}
          </Text>
          <Text size="xs" c="dimmed" component="time" dateTime={entry.at}>
            {formatDateTime(entry.at, timeZone)}
          </Text>
        </Group>
        {entry.message && (
          <Text size="sm" className="wrap-anywhere" style={{ whiteSpace: "pre-line" }}>
            “{entry.message}”
          </Text>
        )}
        {entry.terms && (entry.terms.conditions !== null || entry.terms.dueAt !== null) && (
          <Text size="xs" className="wrap-anywhere">
            {entry.move === "request" || entry.move === "offer" ? "Terms" : "New terms"}:
            {entry.terms.conditions !== null ? ` “${entry.terms.conditions}”` : ""}
            {entry.terms.dueAt !== null ? ` due ${formatDue(entry.terms.dueAt, entry.terms.timeZone ?? commitment.timeZone, timeZone)}` : ""}
          </Text>
        )}
        {entry.answerBy && <Text size="xs">Will answer by {formatDateTime(entry.answerBy, timeZone)}</Text>}
      </Stack>
    </Paper>
  );
}

function NudgeForm({ commitment }: { commitment: CommitmentDetail }) {
  const [message, setMessage] = useState("");
  const nudge = useNudgeCommitment(commitment.allianceId, commitment.id);
  return (
    <form
      aria-label="Nudge"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        nudge.mutate(message.trim() ? { message: message.trim() } : {}, {
          onSuccess: () => {
            setMessage("");
            notifications.show({ color: "teal", title: "Reminder sent", message: "They get a notification and an email." });
          },
        });
      }}
    >
      <Stack gap="xs">
        <FormError error={nudge.error} fields={["message"]} title="Could not send the reminder" />
        <Textarea label="A word with the reminder (optional)" autosize minRows={1} value={message} onChange={(e) => setMessage(e.currentTarget.value)} />
        <Group justify="flex-end">
          <Button type="submit" variant="default" loading={nudge.isPending}>
            Send a reminder
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Moves({ commitment, timeZone }: { commitment: CommitmentDetail; timeZone: string }) {
  // The chosen move keeps its form open while the commitment changes under it; a 409 then says so.
  const [chosen, setChosen] = useState<MoveOption | null>(null);
  if (commitment.availableMoves.length === 0 && !chosen) {
    return commitment.myRole ? (
      <Text size="sm" c="dimmed">
        {commitment.isOpen ? "Nothing for you to do now: the next move is theirs." : "This conversation is closed."}
      </Text>
    ) : null;
  }
  return (
    <section aria-labelledby="moves-title">
      <Title order={2} size="h3" id="moves-title" mb="sm">
        Your move
      </Title>
      <Paper withBorder p="md" radius="md">
        {chosen ? (
          <MoveForm key={chosen.move} commitment={commitment} option={chosen} timeZone={timeZone} onCancel={() => setChosen(null)} onDone={() => setChosen(null)} />
        ) : (
          <Group gap="sm">
            {commitment.availableMoves.map((option) => (
              <Button
                key={option.move}
                variant={["promise", "report", "accept", "accept_counter", "accept_renegotiation"].includes(option.move) ? "filled" : "default"}
                onClick={() => setChosen(option)}
              >
                {option.label}
              </Button>
            ))}
          </Group>
        )}
      </Paper>
    </section>
  );
}

/** The commitment page: the current terms, the whole conversation, and the moves this person may make now. */
export function CommitmentPage() {
  const { id = "", commitmentId = "" } = useParams();
  const me = useMe();
  const home = useAllianceHome(id);
  const commitment = useCommitment(id, commitmentId);
  const [announcement, setAnnouncement] = useState("");
  const onEvent = useCallback(
    (item: ActivityItem) => {
      if (item.payload.commitmentId !== commitmentId) return;
      const label = typeof item.payload.label === "string" ? item.payload.label : "a move";
      setAnnouncement(`${item.actor?.displayName ?? "Someone"}: ${label}`);
    },
    [commitmentId],
  );
  const live = useLiveCommitments(id, onEvent);
  usePageTitle(commitment.data?.title ?? "Commitment");

  if (commitment.isPending) return <Loading label="Loading the commitment…" />;
  if (commitment.isError) {
    if (isApiError(commitment.error, "not_found") || isApiError(commitment.error, "validation_failed")) return <NotFoundPage what="commitment" />;
    return <LoadError error={commitment.error} onRetry={() => void commitment.refetch()} title="The commitment could not be loaded" />;
  }
  const c = commitment.data;
  return (
    <Stack gap="lg">
      <Group gap="md">
        <Anchor component={Link} to={`/alliances/${id}`} size="sm">
          ← {home.data?.name ?? "The alliance"}
        </Anchor>
        <Anchor component={Link} to={`/alliances/${id}/loops`} size="sm">
          My loops here
        </Anchor>
        <Anchor component={Link} to={`/alliances/${id}/commitments`} size="sm">
          All commitments
        </Anchor>
      </Group>
      <Group justify="space-between" align="flex-start" gap="sm">
        <Title order={1} className="wrap-anywhere">
          {c.title}
        </Title>
        <Group gap="xs">
          <OverdueBadge commitment={c} />
          <StateBadge state={c.state} label={c.stateLabel} />
          <LiveBadge state={live} />
        </Group>
      </Group>
      <VisuallyHidden aria-live="polite" role="status">
        {announcement}
      </VisuallyHidden>
      <Terms commitment={c} timeZone={me.timeZone} />
      <Moves commitment={c} timeZone={me.timeZone} />
      {c.canNudge && (
        <section aria-labelledby="nudge-title">
          <Title order={2} size="h3" id="nudge-title" mb="sm">
            Remind them
          </Title>
          <Paper withBorder p="md" radius="md">
            <NudgeForm commitment={c} />
          </Paper>
        </section>
      )}
      <section aria-labelledby="thread-title">
        <Title order={2} size="h3" id="thread-title" mb="sm">
          The conversation
        </Title>
        <Stack component="ol" gap="sm" aria-label="Moves, oldest first" style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {c.thread.map((entry) => (
            <ThreadItem key={entry.seq} entry={entry} commitment={c} timeZone={me.timeZone} />
          ))}
        </Stack>
      </section>
    </Stack>
  );
}
