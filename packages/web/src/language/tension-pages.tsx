import { Alert, Anchor, Badge, Button, Checkbox, Group, NativeSelect, Paper, Radio, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { useMe } from "../api/session";
import type { AllianceHome } from "../api/types";
import { fieldError, FormError } from "../components/form-errors";
import { formatDate, formatDateTime, labelOf } from "../labels";
import { useMoveTension, useRaiseTension } from "./api";
import { formatAge, statusColors, tensionStatusLabels } from "./language-labels";
import { recordPath } from "./language-shell";
import { RecordDiscussion, RecordLinks } from "./record-discussion";
import { Field, RecordPage, StaleNotice, unlessStale } from "./record-page";
import { RegisterListPage } from "./register-list-page";
import type { Tension, TensionDetail } from "./types";

function StatusBadge({ status }: { status: string }) {
  return (
    <Badge variant="filled" color={statusColors[status] ?? "gray.7"} style={{ flexShrink: 0 }}>
      {labelOf(tensionStatusLabels, status)}
    </Badge>
  );
}

/** "Toward Blue Bottles" or "Toward the whole alliance". */
function towardText(tension: Tension): string {
  return tension.target.kind === "seat" ? `Toward ${tension.target.seat.name}` : "Toward the whole alliance";
}

/** Who raised it: a name and seat, or "Anonymous" (the record holds no author). */
function raisedByText(tension: Tension): string {
  return tension.raisedBy ? `Raised by ${tension.raisedBy.person.displayName} for ${tension.raisedBy.seat.name}` : "Raised anonymously";
}

function TensionItem({ tension, home }: { tension: Tension; home: AllianceHome }) {
  return (
    <Stack gap={4}>
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
        <Anchor component={Link} to={recordPath(home.id, "tension", tension.id)} fw={600} className="wrap-anywhere">
          {tension.summary}
        </Anchor>
        <StatusBadge status={tension.status} />
      </Group>
      <Text size="xs" c="dimmed">
        {towardText(tension)} · {raisedByText(tension)} · age {formatAge(tension.ageDays)}
      </Text>
    </Stack>
  );
}

/** Whether I can raise a tension: a delegate or member acting for a seat. */
function mayRaise(home: AllianceHome): boolean {
  return home.me.seatIds.length > 0 && home.me.roles.some((role) => role === "delegate" || role === "member" || role === "facilitator");
}

function RaiseTensionForm({ home, onDone }: { home: AllianceHome; onDone: () => void }) {
  const me = useMe();
  const [summary, setSummary] = useState("");
  const [detail, setDetail] = useState("");
  const [targetKind, setTargetKind] = useState<"seat" | "alliance">("seat");
  const otherSeats = home.seats.filter((seat) => !home.me.seatIds.includes(seat.id));
  const [targetSeatId, setTargetSeatId] = useState(otherSeats[0]?.id ?? "");
  const [fromSeatId, setFromSeatId] = useState(home.me.seatIds[0] ?? "");
  const [anonymous, setAnonymous] = useState(false);
  const [tellFacilitator, setTellFacilitator] = useState(false);
  const raise = useRaiseTension(home.id);
  const mySeats = home.seats.filter((seat) => home.me.seatIds.includes(seat.id));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    raise.mutate(
      {
        summary,
        detail: detail.trim() === "" ? null : detail,
        target: targetKind === "seat" ? { kind: "seat", seatId: targetSeatId } : { kind: "alliance" },
        ...(mySeats.length > 1 ? { fromSeatId } : {}),
        anonymous,
        ...(anonymous ? { tellFacilitator } : {}),
      },
      {
        onSuccess: (raised) => {
          notifications.show({
            color: "teal",
            title: "Tension raised",
            message: raised.published
              ? "Partners can see it now."
              : `It stays unseen by everyone — you included — until its day has ended, and appears after ${formatDateTime(raised.publishesAt ?? new Date().toISOString(), me.timeZone)} without any author.`,
            autoClose: 10_000,
          });
          onDone();
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Raise a tension">
      <Stack gap="sm">
        <FormError error={raise.error} fields={["summary", "detail", "target", "fromSeatId", "anonymous", "tellFacilitator"]} title="Could not raise the tension" />
        <TextInput label="The tension in a sentence" required value={summary} onChange={(e) => setSummary(e.currentTarget.value)} error={fieldError(raise.error, "summary")} />
        <Textarea label="More detail (optional)" autosize minRows={2} value={detail} onChange={(e) => setDetail(e.currentTarget.value)} error={fieldError(raise.error, "detail")} />
        <Radio.Group label="Toward" value={targetKind} onChange={(value) => setTargetKind(value === "alliance" ? "alliance" : "seat")} error={fieldError(raise.error, "target")}>
          <Stack gap={6} mt={4}>
            <Radio value="seat" label="A seat" disabled={home.seats.length === 0} />
            <Radio value="alliance" label="The whole alliance" />
          </Stack>
        </Radio.Group>
        {targetKind === "seat" && (
          <NativeSelect
            label="Seat"
            value={targetSeatId}
            onChange={(e) => setTargetSeatId(e.currentTarget.value)}
            data={home.seats.map((seat) => ({ value: seat.id, label: seat.organization.name }))}
            error={fieldError(raise.error, "target.seatId")}
          />
        )}
        {mySeats.length > 1 && (
          <NativeSelect
            label="Raised for my seat"
            value={fromSeatId}
            onChange={(e) => setFromSeatId(e.currentTarget.value)}
            data={mySeats.map((seat) => ({ value: seat.id, label: seat.organization.name }))}
            error={fieldError(raise.error, "fromSeatId")}
          />
        )}
        <Checkbox
          label="Raise it anonymously"
          description="Partners will never see who raised it: the record keeps no author, only the day, and it appears after the day has ended."
          checked={anonymous}
          onChange={(e) => setAnonymous(e.currentTarget.checked)}
        />
        {anonymous && (
          <Checkbox
            ml="lg"
            label="Tell the facilitators it was me"
            description="Only the facilitators will know; no partner, export or API answer will."
            checked={tellFacilitator}
            onChange={(e) => setTellFacilitator(e.currentTarget.checked)}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={raise.isPending}>
            Raise tension
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function TensionsPage() {
  return (
    <RegisterListPage
      kind="tension"
      filter={{ param: "status", label: "Status", any: "Any status", options: tensionStatusLabels }}
      renderItem={(item, home) => <TensionItem tension={item} home={home} />}
      canAdd={mayRaise}
      newForm={{ label: "Raise a tension", render: (home, onDone) => <RaiseTensionForm home={home} onDone={onDone} /> }}
      empty={(_home, canAdd) => (canAdd ? "Feel friction with a partner or the alliance? Say so with “Raise a tension” — anonymously if you prefer." : "Tensions partners raise will be listed here.")}
    />
  );
}

function MoveTension({ home, tension, reload }: { home: AllianceHome; tension: TensionDetail; reload: () => void }) {
  const [outcome, setOutcome] = useState<"resolve" | "reframe">("resolve");
  const [text, setText] = useState("");
  const move = useMoveTension(home.id, tension.id);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    move.mutate(outcome === "resolve" ? { version: tension.version, move: "resolve", note: text } : { version: tension.version, move: "reframe", reframing: text }, { onSuccess: () => setText("") });
  };
  return (
    <section aria-labelledby="move-title">
      <Title order={2} size="h4" id="move-title" mb="xs">
        Move the tension
      </Title>
      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <StaleNotice
            error={move.error}
            onReload={() => {
              move.reset();
              reload();
            }}
          />
          {tension.status === "raised" && (
            <Group>
              <Button variant="default" loading={move.isPending && move.variables?.move === "start_dialogue"} onClick={() => move.mutate({ version: tension.version, move: "start_dialogue" })}>
                Start the dialogue
              </Button>
            </Group>
          )}
          <form onSubmit={submit} noValidate aria-label="Resolve or reframe the tension">
            <Stack gap="sm">
              <FormError error={unlessStale(move.error)} fields={["note", "reframing"]} title="Could not move the tension" />
              <Radio.Group label="Close it as" value={outcome} onChange={(value) => setOutcome(value === "reframe" ? "reframe" : "resolve")}>
                <Stack gap={6} mt={4}>
                  <Radio value="resolve" label="Resolved: the friction is gone" />
                  <Radio value="reframe" label="Reframed: it turned out to be about something else" />
                </Stack>
              </Radio.Group>
              <Textarea
                label={outcome === "resolve" ? "How it was resolved" : "The new understanding"}
                required
                autosize
                minRows={2}
                value={text}
                onChange={(e) => setText(e.currentTarget.value)}
                error={fieldError(move.error, outcome === "resolve" ? "note" : "reframing")}
              />
              <Group justify="flex-end">
                <Button type="submit" loading={move.isPending && move.variables?.move !== "start_dialogue"} disabled={text.trim() === ""}>
                  {outcome === "resolve" ? "Resolve tension" : "Reframe tension"}
                </Button>
              </Group>
            </Stack>
          </form>
        </Stack>
      </Paper>
    </section>
  );
}

function TensionBody({ home, tension, reload }: { home: AllianceHome; tension: TensionDetail; reload: () => void }) {
  const me = useMe();
  return (
    <Stack gap="lg">
      <Paper withBorder p="md" radius="md" component="article" aria-label="The tension">
        <Stack gap="sm">
          <Group gap="xs">
            <StatusBadge status={tension.status} />
            {tension.anonymous && (
              <Badge variant="outline" color="gray.8">
                Anonymous
              </Badge>
            )}
          </Group>
          <Text fw={600} size="lg" className="wrap-anywhere">
            {tension.summary}
          </Text>
          {tension.detail && <Field label="Detail">{tension.detail}</Field>}
          <Text size="sm">
            {towardText(tension)} · {raisedByText(tension)} on {tension.anonymous ? formatDate(`${tension.raisedOn}T12:00:00Z`, "UTC") : <time dateTime={tension.raisedAt}>{formatDateTime(tension.raisedAt, me.timeZone)}</time>}
          </Text>
          <Text size="sm">
            Age: {formatAge(tension.ageDays)}
            {tension.isOpen ? " and still open" : " when it was closed"}
          </Text>
          {tension.dialogueOpenedAt && <Text size="sm">In dialogue since {formatDate(tension.dialogueOpenedAt, me.timeZone)}</Text>}
          {tension.outcome && (
            <Paper bg="gray.0" p="sm" radius="sm">
              <Text size="sm" fw={600}>
                {tension.outcome.kind === "resolved" ? "Resolved" : "Reframed"}
                {tension.closedAt ? ` on ${formatDate(tension.closedAt, me.timeZone)}` : ""}
              </Text>
              <Text size="sm" className="wrap-anywhere" style={{ whiteSpace: "pre-line" }}>
                {tension.outcome.text}
              </Text>
            </Paper>
          )}
          {tension.disclosedAuthor && (
            <Alert color="blue" variant="light" title="For facilitators only">
              The author chose to tell the facilitators: {tension.disclosedAuthor.person.displayName} ({tension.disclosedAuthor.seat.name}). Partners do not see this.
            </Alert>
          )}
        </Stack>
      </Paper>
      {tension.can.move && <MoveTension home={home} tension={tension} reload={reload} />}
      <RecordLinks allianceId={home.id} record={tension} />
      <RecordDiscussion allianceId={home.id} kind="tension" recordId={tension.id} record={tension} canComment={tension.can.comment} timeZone={me.timeZone} hint="Comments are signed with your name, also on an anonymous tension." />
    </Stack>
  );
}

export function TensionPage() {
  return (
    <RecordPage kind="tension" title={() => "Tension"}>
      {(home, tension, reload) => <TensionBody home={home} tension={tension} reload={reload} />}
    </RecordPage>
  );
}
