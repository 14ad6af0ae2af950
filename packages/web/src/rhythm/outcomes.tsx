import { instantOfLocal, parseLocalDateTime } from "@trellis/core/rhythm";
import { Anchor, Badge, Button, Group, NativeSelect, Paper, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import type { AllianceHome } from "../api/types";
import { fieldError, FormError } from "../components/form-errors";
import { formatDate, labelOf } from "../labels";
import { useCreateMeetingRequest, useMeetingCommitments, useRecentProposals } from "./api";
import { outcomeKindLabels } from "./labels";
import type { MeetingActions } from "./meeting-actions";
import type { LinkedCommitment, Meeting, Outcome } from "./types";

/** Where an outcome's linked record lives in the app. */
function linkOf(allianceId: string, outcome: Outcome): string | null {
  if (!outcome.linkedRecordId) return null;
  if (outcome.kind === "commitment") return `/alliances/${allianceId}/commitments/${outcome.linkedRecordId}`;
  if (outcome.kind === "proposal") return `/alliances/${allianceId}/proposals/${outcome.linkedRecordId}`;
  return null;
}

export interface OutcomeDraft {
  kind: "commitment" | "proposal" | "note";
  text: string;
  linkedRecordId: string;
}

/** The facilitator records an outcome: a note, or a commitment or proposal with its link. */
function OutcomeForm({ meeting, actions, commitments, draft, onDraft }: { meeting: Meeting; actions: MeetingActions; commitments: LinkedCommitment[]; draft: OutcomeDraft; onDraft: (d: OutcomeDraft) => void }) {
  const [itemId, setItemId] = useState("");
  const record = actions.recordOutcome;
  const started = meeting.agenda.filter((i) => i.startedAt);
  const proposals = useRecentProposals(meeting.allianceId, draft.kind === "proposal");
  const linked = new Set(meeting.outcomes.map((o) => o.linkedRecordId));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    record.mutate(
      { kind: draft.kind, text: draft.text, itemId: itemId || null, linkedRecordId: draft.kind === "note" ? null : draft.linkedRecordId || null },
      { onSuccess: () => onDraft({ kind: "note", text: "", linkedRecordId: "" }) },
    );
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Record an outcome">
      <Stack gap="sm">
        <Title order={3} size="h5">
          Record an outcome
        </Title>
        <FormError error={record.error} fields={["kind", "text", "itemId", "linkedRecordId"]} title="Could not record the outcome" />
        <NativeSelect
          label="Kind"
          value={draft.kind}
          onChange={(e) => onDraft({ ...draft, kind: e.currentTarget.value as OutcomeDraft["kind"] })}
          data={Object.entries(outcomeKindLabels).map(([value, label]) => ({ value, label }))}
          error={fieldError(record.error, "kind")}
        />
        <NativeSelect
          label="Of the item"
          value={itemId}
          onChange={(e) => setItemId(e.currentTarget.value)}
          data={[{ value: "", label: "The meeting as a whole" }, ...started.map((i) => ({ value: i.id, label: `${i.position}. ${i.title}` }))]}
          error={fieldError(record.error, "itemId")}
        />
        <Textarea label="Outcome" required autosize minRows={2} value={draft.text} onChange={(e) => onDraft({ ...draft, text: e.currentTarget.value })} error={fieldError(record.error, "text")} />
        {draft.kind === "commitment" && (
          <NativeSelect
            label="The commitment"
            description="A request made in this meeting (see “Commitments from this meeting”), or none yet."
            value={draft.linkedRecordId}
            onChange={(e) => onDraft({ ...draft, linkedRecordId: e.currentTarget.value })}
            data={[
              { value: "", label: "Not made yet" },
              ...commitments.filter((c) => !linked.has(c.id) || c.id === draft.linkedRecordId).map((c) => ({ value: c.id, label: `${c.title} — ${c.performer.person.displayName} (${c.performer.seat.name})` })),
            ]}
            error={fieldError(record.error, "linkedRecordId")}
          />
        )}
        {draft.kind === "proposal" && (
          <NativeSelect
            label="The proposal"
            description="The proposal put to the alliance for this outcome, or none yet."
            value={draft.linkedRecordId}
            onChange={(e) => onDraft({ ...draft, linkedRecordId: e.currentTarget.value })}
            data={[
              { value: "", label: proposals.isPending ? "Loading the proposals…" : "Not put yet" },
              ...(proposals.data?.items ?? []).filter((p) => !linked.has(p.id) || p.id === draft.linkedRecordId).map((p) => ({ value: p.id, label: `${p.title}${p.state === "closed" ? " (closed)" : ""}` })),
            ]}
            error={fieldError(record.error, "linkedRecordId")}
          />
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={record.isPending}>
            Record outcome
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Tomorrow plus a week, as the default due date of a request. */
function inAWeek(): string {
  return new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
}

/** Someone acting for a seat asks a person of another seat to do something, linked to this meeting. */
function RequestForm({ meeting, home, timeZone }: { meeting: Meeting; home: AllianceHome; timeZone: string }) {
  const mySeats = new Set(home.me.seatIds);
  const candidates = home.seats.filter((s) => !mySeats.has(s.id)).flatMap((s) => s.people.map((p) => ({ value: `${p.id}:${s.id}`, label: `${p.displayName} (${s.organization.name})` })));
  const [performer, setPerformer] = useState("");
  const [title, setTitle] = useState("");
  const [conditions, setConditions] = useState("");
  const [due, setDue] = useState(inAWeek());
  const [dueError, setDueError] = useState<string | undefined>();
  const create = useCreateMeetingRequest(meeting.allianceId, meeting.id);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    let dueAt: string;
    try {
      dueAt = new Date(instantOfLocal(parseLocalDateTime(`${due}T17:00:00`, "due"), timeZone)).toISOString();
    } catch {
      setDueError("Give a date like 2026-12-15.");
      return;
    }
    setDueError(undefined);
    const [personId, seatId] = performer.split(":");
    create.mutate(
      { title, conditions, dueAt, timeZone, ...(home.me.seatIds.length > 1 ? { seatId: home.me.seatIds[0] } : {}), counterpart: { personId: personId ?? "", ...(seatId ? { seatId } : {}) } },
      {
        onSuccess: () => {
          setTitle("");
          setConditions("");
        },
      },
    );
  };
  if (candidates.length === 0) return null;
  return (
    <form onSubmit={submit} noValidate aria-label="Make a request from this meeting">
      <Stack gap="sm">
        <Title order={3} size="h5">
          Make a request from this meeting
        </Title>
        <Text size="sm" c="dimmed">
          Ask someone of another seat to do something. It lands in their loops, linked to this meeting; the facilitator records it as an outcome.
        </Text>
        <FormError error={create.error} fields={["title", "conditions", "dueAt", "counterpart.personId", "counterpart.seatId"]} title="Could not make the request" />
        <NativeSelect
          label="Who performs"
          required
          value={performer}
          onChange={(e) => setPerformer(e.currentTarget.value)}
          data={[{ value: "", label: "Choose a person", disabled: true }, ...candidates]}
          error={fieldError(create.error, "counterpart.personId") ?? fieldError(create.error, "counterpart.seatId")}
        />
        <TextInput label="What" required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={fieldError(create.error, "title")} />
        <Textarea label="Done means" required autosize minRows={2} value={conditions} onChange={(e) => setConditions(e.currentTarget.value)} error={fieldError(create.error, "conditions")} />
        <TextInput label="Due on" description={`End of the day (17:00, ${timeZone}).`} type="date" required value={due} onChange={(e) => setDue(e.currentTarget.value)} error={dueError ?? fieldError(create.error, "dueAt")} />
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending}>
            Make the request
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * Outcomes: what the meeting produced, each with its link back to the commitment or proposal;
 * the commitments made in this meeting; the forms to make one and record outcomes.
 */
export function Outcomes({ meeting, home, actions, timeZone }: { meeting: Meeting; home: AllianceHome; actions: MeetingActions; timeZone: string }) {
  const commitments = useMeetingCommitments(meeting.allianceId, meeting.id);
  const [draft, setDraft] = useState<OutcomeDraft>({ kind: "note", text: "", linkedRecordId: "" });
  if (meeting.status === "scheduled" || meeting.status === "cancelled") return null;
  const made = commitments.data?.items ?? [];
  const linked = new Set(meeting.outcomes.map((o) => o.linkedRecordId));
  const itemTitle = (id: string | null) => meeting.agenda.find((i) => i.id === id)?.title;
  const canRequest = home.me.seatIds.length > 0 && (home.me.roles.includes("delegate") || home.me.roles.includes("member"));
  return (
    <section aria-labelledby="outcomes-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="outcomes-title">
          Outcomes
        </Title>
        {meeting.outcomes.length === 0 ? (
          <Text size="sm" c="dimmed">
            No outcome recorded yet.{meeting.can.recordOutcome ? " Record notes, commitments and proposals as the meeting produces them." : ""}
          </Text>
        ) : (
          <Stack gap="xs" component="ul" aria-label="Outcomes" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {meeting.outcomes.map((o) => {
              const link = linkOf(meeting.allianceId, o);
              return (
                <Paper key={o.id} withBorder p="sm" radius="md" component="li">
                  <Group gap="xs" align="flex-start" wrap="nowrap">
                    <Badge variant="light" color="indigo" style={{ flexShrink: 0 }}>
                      {labelOf(outcomeKindLabels, o.kind)}
                    </Badge>
                    <Stack gap={2} style={{ minWidth: 0 }}>
                      <Text size="sm" className="wrap-anywhere">
                        {o.text}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {itemTitle(o.itemId) ? `Of “${itemTitle(o.itemId)}”` : "Of the meeting"}
                        {o.recordedBy ? ` · recorded by ${o.recordedBy}` : ""}
                      </Text>
                      {link ? (
                        <Anchor component={Link} to={link} size="sm">
                          {o.kind === "commitment" ? "Open the commitment" : "Open the proposal"}
                        </Anchor>
                      ) : (
                        o.kind !== "note" && (
                          <Text size="xs" c="dimmed">
                            Not linked yet.
                          </Text>
                        )
                      )}
                    </Stack>
                  </Group>
                </Paper>
              );
            })}
          </Stack>
        )}

        {made.length > 0 && (
          <Stack gap="xs">
            <Title order={3} size="h5">
              Commitments from this meeting
            </Title>
            <Stack gap="xs" component="ul" aria-label="Commitments from this meeting" style={{ listStyle: "none", padding: 0, margin: 0 }}>
              {made.map((c) => (
                <Paper key={c.id} withBorder p="sm" radius="md" component="li">
                  <Group justify="space-between" gap="xs" align="flex-start">
                    <Stack gap={2} style={{ minWidth: 0 }}>
                      <Anchor component={Link} to={`/alliances/${meeting.allianceId}/commitments/${c.id}`} size="sm" fw={600} className="wrap-anywhere">
                        {c.title}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {c.customer.seat.name} asks {c.performer.person.displayName} ({c.performer.seat.name}) · due {formatDate(c.dueAt, timeZone)} · {c.stateLabel}
                      </Text>
                    </Stack>
                    {meeting.can.recordOutcome && !linked.has(c.id) && (
                      <Button
                        size="compact-sm"
                        variant="default"
                        onClick={() => setDraft({ kind: "commitment", text: `${c.performer.seat.name}: ${c.title}, by ${formatDate(c.dueAt, timeZone)}.`, linkedRecordId: c.id })}
                        aria-label={`Record as outcome: ${c.title}`}
                      >
                        Record as outcome
                      </Button>
                    )}
                  </Group>
                </Paper>
              ))}
            </Stack>
          </Stack>
        )}

        {meeting.can.recordOutcome && (
          <Paper withBorder p="md" radius="md">
            <OutcomeForm meeting={meeting} actions={actions} commitments={made} draft={draft} onDraft={setDraft} />
          </Paper>
        )}
        {canRequest && meeting.me.attendance !== "left" && (
          <Paper withBorder p="md" radius="md">
            <RequestForm meeting={meeting} home={home} timeZone={timeZone} />
          </Paper>
        )}
      </Stack>
    </section>
  );
}
