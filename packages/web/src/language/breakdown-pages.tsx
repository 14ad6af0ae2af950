import { Anchor, Badge, Button, Checkbox, Group, NativeSelect, Paper, Radio, SimpleGrid, Stack, Text, Textarea, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { useMe } from "../api/session";
import type { AllianceHome } from "../api/types";
import { fieldError, FormError } from "../components/form-errors";
import { formatDate, formatDateTime, labelOf } from "../labels";
import { useActionTargets, useCloseBreakdown, useNameBreakdown, useOpenDiscussion } from "./api";
import { breakdownStatusLabels, daysSince, formatAge, statusColors } from "./language-labels";
import { mayRecord, recordPath, seatOptions } from "./language-shell";
import { RecordDiscussion, RecordLinks } from "./record-discussion";
import { Field, RecordPage, StaleNotice, unlessStale } from "./record-page";
import { RegisterListPage } from "./register-list-page";
import type { Breakdown, BreakdownDetail } from "./types";

function StatusBadge({ status }: { status: string }) {
  return (
    <Badge variant="filled" color={statusColors[status] ?? "gray.7"} style={{ flexShrink: 0 }}>
      {labelOf(breakdownStatusLabels, status)}
    </Badge>
  );
}

function BreakdownItem({ breakdown, home }: { breakdown: Breakdown; home: AllianceHome }) {
  const me = useMe();
  return (
    <Stack gap={4}>
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
        <Anchor component={Link} to={recordPath(home.id, "breakdown", breakdown.id)} fw={600} className="wrap-anywhere">
          {breakdown.whatHappened}
        </Anchor>
        <StatusBadge status={breakdown.status} />
      </Group>
      <Text size="sm" c="dimmed" className="wrap-anywhere">
        Expected: {breakdown.whatWasExpected}
      </Text>
      <Text size="xs" c="dimmed">
        Named by {breakdown.namedBy.displayName} on {formatDate(breakdown.namedAt, me.timeZone)} · age {formatAge(daysSince(breakdown.namedAt))}
        {breakdown.seats.length > 0 ? ` · seats: ${breakdown.seats.map((s) => s.name).join(", ")}` : ""}
      </Text>
    </Stack>
  );
}

function NameBreakdownForm({ home, onDone }: { home: AllianceHome; onDone: () => void }) {
  const [whatHappened, setWhatHappened] = useState("");
  const [whatWasExpected, setWhatWasExpected] = useState("");
  const [impact, setImpact] = useState("");
  const [seatIds, setSeatIds] = useState<string[]>([]);
  const name = useNameBreakdown(home.id);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    name.mutate({ whatHappened, whatWasExpected, impact, seatIds }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Name a breakdown">
      <Stack gap="sm">
        <FormError error={name.error} fields={["whatHappened", "whatWasExpected", "impact", "seatIds"]} title="Could not name the breakdown" />
        <Textarea label="What happened" required autosize minRows={2} value={whatHappened} onChange={(e) => setWhatHappened(e.currentTarget.value)} error={fieldError(name.error, "whatHappened")} />
        <Textarea label="What was expected" required autosize minRows={2} value={whatWasExpected} onChange={(e) => setWhatWasExpected(e.currentTarget.value)} error={fieldError(name.error, "whatWasExpected")} />
        <Textarea label="The impact" required autosize minRows={2} value={impact} onChange={(e) => setImpact(e.currentTarget.value)} error={fieldError(name.error, "impact")} />
        <Checkbox.Group label="Seats involved" description="The seats whose people can steward it to a close." value={seatIds} onChange={setSeatIds} error={fieldError(name.error, "seatIds")}>
          <Stack gap={6} mt={4}>
            {seatOptions(home).map((seat) => (
              <Checkbox key={seat.value} value={seat.value} label={seat.label} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={name.isPending}>
            Name breakdown
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function BreakdownsPage() {
  return (
    <RegisterListPage
      kind="breakdown"
      filter={{ param: "status", label: "Status", any: "Any status", options: breakdownStatusLabels }}
      renderItem={(item, home) => <BreakdownItem breakdown={item} home={home} />}
      canAdd={mayRecord}
      newForm={{ label: "Name a breakdown", render: (home, onDone) => <NameBreakdownForm home={home} onDone={onDone} /> }}
      empty={(_home, canAdd) => (canAdd ? "When something did not go as partners expected, name it with “Name a breakdown”." : "Breakdowns partners name will be listed here.")}
    />
  );
}

function CloseBreakdownForm({ home, breakdown, onReload }: { home: AllianceHome; breakdown: BreakdownDetail; onReload: () => void }) {
  const [kind, setKind] = useState<"reinterpretation" | "action">("reinterpretation");
  const [reinterpretation, setReinterpretation] = useState("");
  const [action, setAction] = useState("");
  const [note, setNote] = useState("");
  const close = useCloseBreakdown(home.id, breakdown.id);
  const targets = useActionTargets(home.id, kind === "action");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const [type, id] = action.split(":");
    if (kind === "reinterpretation") close.mutate({ version: breakdown.version, kind, reinterpretation });
    else close.mutate({ version: breakdown.version, kind, action: { type: type === "proposal" ? "proposal" : "commitment", id: id ?? "" }, note: note.trim() === "" ? null : note });
  };
  const options = [
    ...(targets.data?.commitments ?? []).map((c) => ({ value: `commitment:${c.id}`, label: `Commitment: ${c.title}` })),
    ...(targets.data?.proposals ?? []).map((p) => ({ value: `proposal:${p.id}`, label: `Proposal: ${p.title}` })),
  ];
  return (
    <form onSubmit={submit} noValidate aria-label="Close the breakdown">
      <Stack gap="sm">
        <StaleNotice
          error={close.error}
          onReload={() => {
            close.reset();
            onReload();
          }}
        />
        <FormError error={unlessStale(close.error)} fields={["reinterpretation", "action", "note"]} title="Could not close the breakdown" />
        <Radio.Group label="Close it with" value={kind} onChange={(value) => setKind(value === "action" ? "action" : "reinterpretation")}>
          <Stack gap={6} mt={4}>
            <Radio value="reinterpretation" label="A reinterpretation: a new reading of what happened" />
            <Radio value="action" label="An action: a commitment or proposal that answers it" />
          </Stack>
        </Radio.Group>
        {kind === "reinterpretation" ? (
          <Textarea label="Reinterpretation" required autosize minRows={2} value={reinterpretation} onChange={(e) => setReinterpretation(e.currentTarget.value)} error={fieldError(close.error, "reinterpretation")} />
        ) : (
          <>
            <NativeSelect
              label="Commitment or proposal"
              description={targets.isPending ? "Loading the alliance's commitments and proposals…" : options.length === 0 ? "Open a commitment or put a proposal first; then close the breakdown with it." : undefined}
              value={action}
              onChange={(e) => setAction(e.currentTarget.value)}
              data={[{ value: "", label: "Choose…" }, ...options]}
              error={fieldError(close.error, "action")}
            />
            <Textarea label="Note (optional)" autosize minRows={1} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={fieldError(close.error, "note")} />
          </>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={close.isPending} disabled={kind === "action" && action === ""}>
            Close breakdown
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function BreakdownBody({ home, breakdown, reload }: { home: AllianceHome; breakdown: BreakdownDetail; reload: () => void }) {
  const me = useMe();
  const openDiscussion = useOpenDiscussion(home.id, breakdown.id);
  const targets = useActionTargets(home.id, breakdown.closure?.kind === "action");
  const titles: Record<string, string> = Object.fromEntries([...(targets.data?.commitments ?? []), ...(targets.data?.proposals ?? [])].map((t) => [t.id, t.title]));
  return (
    <Stack gap="lg">
      <Paper withBorder p="md" radius="md" component="article" aria-label="The breakdown">
        <Stack gap="sm">
          <Group gap="xs">
            <StatusBadge status={breakdown.status} />
            <Text size="sm" c="dimmed">
              Named by {breakdown.namedBy.displayName} on <time dateTime={breakdown.namedAt}>{formatDateTime(breakdown.namedAt, me.timeZone)}</time> · age{" "}
              {formatAge(daysSince(breakdown.namedAt, breakdown.closedAt ? new Date(breakdown.closedAt).getTime() : Date.now()))}
            </Text>
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            <Field label="What happened">{breakdown.whatHappened}</Field>
            <Field label="What was expected">{breakdown.whatWasExpected}</Field>
            <Field label="Impact">{breakdown.impact}</Field>
          </SimpleGrid>
          <Text size="sm">Seats involved: {breakdown.seats.length ? breakdown.seats.map((s) => s.name).join(", ") : "none named"}</Text>
          {breakdown.closure && (
            <Paper bg="gray.0" p="sm" radius="sm">
              <Text size="sm" fw={600}>
                Closed{breakdown.closedAt ? ` on ${formatDate(breakdown.closedAt, me.timeZone)}` : ""} with {breakdown.closure.kind === "reinterpretation" ? "a reinterpretation" : `an action (a ${breakdown.closure.action?.type ?? "record"})`}
              </Text>
              <Text size="sm" className="wrap-anywhere" style={{ whiteSpace: "pre-line" }}>
                {breakdown.closure.kind === "reinterpretation"
                  ? breakdown.closure.reinterpretation
                  : `${breakdown.closure.action && titles[breakdown.closure.action.id] ? `“${titles[breakdown.closure.action.id]}”` : ""}${breakdown.closure.note ? ` ${breakdown.closure.note}` : ""}`}
              </Text>
            </Paper>
          )}
          {breakdown.can.openDiscussion && (
            <Group>
              <Button variant="default" size="xs" loading={openDiscussion.isPending} onClick={() => openDiscussion.mutate({ version: breakdown.version })}>
                Take into discussion
              </Button>
            </Group>
          )}
          <StaleNotice
            error={openDiscussion.error}
            onReload={() => {
              openDiscussion.reset();
              reload();
            }}
          />
        </Stack>
      </Paper>
      <RecordLinks allianceId={home.id} record={breakdown} titles={titles} />
      <RecordDiscussion allianceId={home.id} kind="breakdown" recordId={breakdown.id} record={breakdown} canComment={breakdown.can.comment} timeZone={me.timeZone} hint="Comments are signed. The first one takes an open breakdown into discussion." />
      {breakdown.can.close && (
        <section aria-labelledby="close-title">
          <Title order={2} size="h4" id="close-title" mb="xs">
            Close the breakdown
          </Title>
          <Paper withBorder p="md" radius="md">
            <CloseBreakdownForm home={home} breakdown={breakdown} onReload={reload} />
          </Paper>
        </section>
      )}
    </Stack>
  );
}

export function BreakdownPage() {
  return (
    <RecordPage kind="breakdown" title={() => "Breakdown"}>
      {(home, breakdown, reload) => <BreakdownBody home={home} breakdown={breakdown} reload={reload} />}
    </RecordPage>
  );
}
