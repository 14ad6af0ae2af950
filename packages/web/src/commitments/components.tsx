import { Anchor, Badge, Group, Paper, Stack, Text } from "@mantine/core";
import type { CommitmentState } from "@trellis/core/commitments";
import { Link } from "react-router";
import type { LiveState } from "../live/use-alliance-events";
import { formatDue } from "./format";
import type { CommitmentSummary, LoopItem } from "./types";

// Colours dark enough for white text at 4.5:1.
const stateColors: Record<CommitmentState, string> = {
  start: "gray.7",
  requested: "indigo.8",
  countered: "violet.8",
  promised: "blue.8",
  reported: "cyan.9",
  accepted: "teal.9",
  declined: "gray.7",
  cancelled: "gray.7",
  reneged: "red.9",
  revoked: "orange.9",
};

/** The state of a commitment in plain words. */
export function StateBadge({ state, label }: { state: CommitmentState; label: string }) {
  return (
    <Badge variant="filled" color={stateColors[state] ?? "gray.7"} style={{ flexShrink: 0 }}>
      {label}
    </Badge>
  );
}

/** "Overdue 3 days" when a loop is past its date. */
export function OverdueBadge({ commitment }: { commitment: Pick<CommitmentSummary, "deadline"> }) {
  if (!commitment.deadline.isOverdue) return null;
  const days = commitment.deadline.overdueDays;
  return (
    <Badge variant="filled" color="red.9" style={{ flexShrink: 0 }}>
      {days > 0 ? `Overdue ${days} day${days === 1 ? "" : "s"}` : "Overdue"}
    </Badge>
  );
}

/** Whether the page follows the alliance live. */
export function LiveBadge({ state }: { state: LiveState }) {
  return (
    <Badge variant="dot" color={state === "live" ? "teal" : "gray"} title={state === "live" ? "Changes by others appear here as they happen." : "Waiting for the live connection."}>
      {state === "live" ? "Live" : state === "reconnecting" ? "Reconnecting…" : "Connecting…"}
    </Badge>
  );
}

/** The link to a commitment's page. */
export function commitmentPath(commitment: Pick<CommitmentSummary, "allianceId" | "id">): string {
  return `/alliances/${commitment.allianceId}/commitments/${commitment.id}`;
}

/** One commitment in a list: title, state, parties, the date, and what it waits for. */
export function CommitmentCard({ commitment, timeZone, loop }: { commitment: CommitmentSummary; timeZone: string; loop?: LoopItem["loop"] }) {
  const dueLabel = commitment.deadline.kind === "answer_by" ? "Answer by" : "Due";
  const dueAt = commitment.deadline.at ?? commitment.dueAt;
  return (
    <Paper withBorder p="sm" radius="md" component="li" aria-label={commitment.title}>
      <Stack gap={4}>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Anchor component={Link} to={commitmentPath(commitment)} fw={600} className="wrap-anywhere">
            {commitment.title}
          </Anchor>
          <Group gap={4} wrap="wrap" justify="flex-end">
            <OverdueBadge commitment={commitment} />
            <StateBadge state={commitment.state} label={commitment.stateLabel} />
          </Group>
        </Group>
        {loop ? (
          <Text size="sm" className="wrap-anywhere">
            {loop.side === "waits_on_me" ? `You owe ${loop.counterpart.person.displayName} (${loop.counterpart.seat.name}) a move: ${loop.reasonLabel}.` : `Waiting on ${loop.counterpart.person.displayName} (${loop.counterpart.seat.name}) ${loop.reasonLabel}.`}
          </Text>
        ) : (
          <Text size="sm" className="wrap-anywhere">
            For {commitment.customer.person.displayName} ({commitment.customer.seat.name}), by {commitment.performer.person.displayName} ({commitment.performer.seat.name})
            {commitment.turn ? ` · waiting on ${commitment.turn.personId === commitment.customer.person.id ? commitment.customer.person.displayName : commitment.performer.person.displayName} ${commitment.turn.reasonLabel}` : ""}
          </Text>
        )}
        <Text size="xs" c={commitment.deadline.isOverdue ? "red.9" : "dimmed"}>
          {dueLabel}: {formatDue(dueAt, commitment.timeZone, timeZone)}
        </Text>
      </Stack>
    </Paper>
  );
}
