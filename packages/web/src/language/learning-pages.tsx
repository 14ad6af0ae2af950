import { Anchor, Button, Checkbox, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { useMe } from "../api/session";
import type { AllianceHome } from "../api/types";
import { fieldError, FormError } from "../components/form-errors";
import { formatDate, formatDateTime } from "../labels";
import { useRecordLearning, useReviseLearning } from "./api";
import { mayRecord, recordPath, seatOptions } from "./language-shell";
import { RecordDiscussion, RecordLinks } from "./record-discussion";
import { Field, RecordPage, StaleNotice, unlessStale } from "./record-page";
import { RegisterListPage } from "./register-list-page";
import type { Learning, LearningDetail } from "./types";

const sourceLabels = { experiment: "Experiment", event: "Event" } as const;

function LearningItem({ learning, home }: { learning: Learning; home: AllianceHome }) {
  const me = useMe();
  return (
    <Stack gap={4}>
      <Anchor component={Link} to={recordPath(home.id, "learning", learning.id)} fw={600} className="wrap-anywhere">
        {learning.whatWasLearned}
      </Anchor>
      <Text size="sm" c="dimmed" className="wrap-anywhere">
        {sourceLabels[learning.source.kind]}: {learning.source.title}
      </Text>
      <Text size="xs" c="dimmed">
        Recorded by {learning.recordedBy.displayName} on {formatDate(learning.recordedAt, me.timeZone)}
        {learning.seats.length ? ` · seats: ${learning.seats.map((s) => s.name).join(", ")}` : ""}
      </Text>
    </Stack>
  );
}

function RecordLearningForm({ home, onDone }: { home: AllianceHome; onDone: () => void }) {
  const [kind, setKind] = useState<"experiment" | "event">("event");
  const [title, setTitle] = useState("");
  const [whatHappened, setWhatHappened] = useState("");
  const [whatWasLearned, setWhatWasLearned] = useState("");
  const [whatChanges, setWhatChanges] = useState("");
  const [seatIds, setSeatIds] = useState<string[]>([]);
  const record = useRecordLearning(home.id);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    record.mutate({ source: { kind, title }, whatHappened, whatWasLearned, whatChanges, seatIds }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Record a learning">
      <Stack gap="sm">
        <FormError error={record.error} fields={["source", "whatHappened", "whatWasLearned", "whatChanges", "seatIds"]} title="Could not record the learning" />
        <NativeSelect label="It came from" value={kind} onChange={(e) => setKind(e.currentTarget.value === "experiment" ? "experiment" : "event")} data={[{ value: "event", label: "An event" }, { value: "experiment", label: "An experiment" }]} />
        <TextInput label={kind === "event" ? "The event" : "The experiment"} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={fieldError(record.error, "source.title")} />
        <Textarea label="What happened" required autosize minRows={2} value={whatHappened} onChange={(e) => setWhatHappened(e.currentTarget.value)} error={fieldError(record.error, "whatHappened")} />
        <Textarea label="What was learned" required autosize minRows={2} value={whatWasLearned} onChange={(e) => setWhatWasLearned(e.currentTarget.value)} error={fieldError(record.error, "whatWasLearned")} />
        <Textarea label="What changes" required autosize minRows={2} value={whatChanges} onChange={(e) => setWhatChanges(e.currentTarget.value)} error={fieldError(record.error, "whatChanges")} />
        <Checkbox.Group label="Seats it concerns (optional)" value={seatIds} onChange={setSeatIds}>
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
          <Button type="submit" loading={record.isPending}>
            Record learning
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function LearningsPage() {
  return (
    <RegisterListPage
      kind="learning"
      filter={{ param: "sourceKind", label: "Source", any: "Experiments and events", options: { experiment: "Experiments", event: "Events" } }}
      renderItem={(item, home) => <LearningItem learning={item} home={home} />}
      canAdd={mayRecord}
      newForm={{ label: "Record a learning", render: (home, onDone) => <RecordLearningForm home={home} onDone={onDone} /> }}
      empty={(_home, canAdd) => (canAdd ? "After an experiment or a notable event, write down what it taught you with “Record a learning”." : "Learnings partners record will be listed here.")}
    />
  );
}

function ReviseLearningForm({ home, learning, reload }: { home: AllianceHome; learning: LearningDetail; reload: () => void }) {
  const [whatChanges, setWhatChanges] = useState(learning.whatChanges);
  const revise = useReviseLearning(home.id, learning.id);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    revise.mutate({ version: learning.version, whatChanges });
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Revise what changes">
      <Stack gap="sm">
        <StaleNotice
          error={revise.error}
          onReload={() => {
            revise.reset();
            reload();
          }}
        />
        <FormError error={unlessStale(revise.error)} fields={["whatChanges"]} title="Could not revise the learning" />
        <Textarea label="What changes" autosize minRows={2} value={whatChanges} onChange={(e) => setWhatChanges(e.currentTarget.value)} error={fieldError(revise.error, "whatChanges")} />
        <Group justify="flex-end">
          <Button type="submit" variant="default" loading={revise.isPending} disabled={whatChanges.trim() === "" || whatChanges === learning.whatChanges}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function LearningBody({ home, learning, reload }: { home: AllianceHome; learning: LearningDetail; reload: () => void }) {
  const me = useMe();
  return (
    <Stack gap="lg">
      <Paper withBorder p="md" radius="md" component="article" aria-label="The learning">
        <Stack gap="sm">
          <Text fw={600} size="lg" className="wrap-anywhere">
            {sourceLabels[learning.source.kind]}: {learning.source.title}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            <Field label="What happened">{learning.whatHappened}</Field>
            <Field label="What was learned">{learning.whatWasLearned}</Field>
            <Field label="What changes">{learning.whatChanges}</Field>
          </SimpleGrid>
          {learning.seats.length > 0 && <Text size="sm">Seats: {learning.seats.map((s) => s.name).join(", ")}</Text>}
          <Text size="xs" c="dimmed">
            Recorded by {learning.recordedBy.displayName} on <time dateTime={learning.recordedAt}>{formatDateTime(learning.recordedAt, me.timeZone)}</time>
            {learning.revisedAt ? ` · revised ${formatDate(learning.revisedAt, me.timeZone)}` : ""}
          </Text>
        </Stack>
      </Paper>
      {learning.can.revise && (
        <section aria-labelledby="revise-title">
          <Title order={2} size="h4" id="revise-title" mb="xs">
            Revise
          </Title>
          <Paper withBorder p="md" radius="md">
            <ReviseLearningForm key={learning.version} home={home} learning={learning} reload={reload} />
          </Paper>
        </section>
      )}
      <RecordLinks allianceId={home.id} record={learning} />
      <RecordDiscussion allianceId={home.id} kind="learning" recordId={learning.id} record={learning} canComment={learning.can.comment} timeZone={me.timeZone} />
    </Stack>
  );
}

export function LearningPage() {
  return (
    <RecordPage kind="learning" title={() => "Learning"}>
      {(home, learning, reload) => <LearningBody home={home} learning={learning} reload={reload} />}
    </RecordPage>
  );
}
