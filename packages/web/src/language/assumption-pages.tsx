import { Anchor, Badge, Button, Group, List, NativeSelect, Paper, Radio, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { useMe } from "../api/session";
import type { AllianceHome } from "../api/types";
import { fieldError, FormError } from "../components/form-errors";
import { formatDate, formatDateTime, labelOf } from "../labels";
import { useActionTargets, useRecordAssumption, useReviseAssumption, useTestAssumption } from "./api";
import { assumptionStatusLabels, statusColors } from "./language-labels";
import { mayRecord, recordPath } from "./language-shell";
import { RecordDiscussion, RecordLinks } from "./record-discussion";
import { Field, RecordPage, StaleNotice, unlessStale } from "./record-page";
import { RegisterListPage } from "./register-list-page";
import type { Assumption, AssumptionDetail, ConfidenceLevel } from "./types";

const confidenceLabels: Record<ConfidenceLevel, string> = { low: "Low", medium: "Medium", high: "High" };

function confidenceText(assumption: Assumption): string {
  return typeof assumption.confidence === "string" ? labelOf(confidenceLabels, assumption.confidence) : `${Math.round(assumption.confidenceValue * 100)} %`;
}

function holderText(assumption: Assumption): string {
  return assumption.holder.kind === "seat" ? assumption.holder.seat.name : assumption.holder.person.displayName;
}

/** A day (YYYY-MM-DD) as "1 Sept 2026", without moving it across time zones. */
function formatDay(day: string): string {
  return formatDate(`${day}T12:00:00Z`, "UTC");
}

function StatusBadge({ status }: { status: string }) {
  return (
    <Badge variant="filled" color={statusColors[status] ?? "gray.7"} style={{ flexShrink: 0 }}>
      {labelOf(assumptionStatusLabels, status)}
    </Badge>
  );
}

function AssumptionItem({ assumption, home }: { assumption: Assumption; home: AllianceHome }) {
  return (
    <Stack gap={4}>
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
        <Anchor component={Link} to={recordPath(home.id, "assumption", assumption.id)} fw={600} className="wrap-anywhere">
          {assumption.statement}
        </Anchor>
        <StatusBadge status={assumption.status} />
      </Group>
      <Text size="xs" c="dimmed">
        Held by {holderText(assumption)} · confidence {confidenceText(assumption).toLowerCase()} · review {formatDay(assumption.reviewOn)}
        {assumption.isReviewDue ? " (due)" : ""}
        {assumption.decisionIds.length ? ` · ${assumption.decisionIds.length} decision${assumption.decisionIds.length === 1 ? "" : "s"} rest on it` : ""}
      </Text>
    </Stack>
  );
}

function inWeeks(weeks: number): string {
  return new Date(Date.now() + weeks * 7 * 86_400_000).toISOString().slice(0, 10);
}

function RecordAssumptionForm({ home, onDone }: { home: AllianceHome; onDone: () => void }) {
  const me = useMe();
  const [statement, setStatement] = useState("");
  const [holder, setHolder] = useState(home.me.seatIds[0] ? `seat:${home.me.seatIds[0]}` : `person:${me.id}`);
  const [confidence, setConfidence] = useState<ConfidenceLevel>("medium");
  const [testPlan, setTestPlan] = useState("");
  const [reviewOn, setReviewOn] = useState(inWeeks(6));
  const [decisionId, setDecisionId] = useState("");
  const targets = useActionTargets(home.id, true);
  const record = useRecordAssumption(home.id);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const [kind, id = ""] = holder.split(":");
    record.mutate(
      { statement, holder: kind === "seat" ? { kind: "seat", seatId: id } : { kind: "person", personId: id }, confidence, testPlan, reviewOn, ...(decisionId ? { decisionIds: [decisionId] } : {}) },
      { onSuccess: onDone },
    );
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Record an assumption">
      <Stack gap="sm">
        <FormError error={record.error} fields={["statement", "holder", "confidence", "testPlan", "reviewOn", "decisionIds"]} title="Could not record the assumption" />
        <Textarea label="The assumption" required autosize minRows={2} value={statement} onChange={(e) => setStatement(e.currentTarget.value)} error={fieldError(record.error, "statement")} />
        <NativeSelect
          label="Who holds it"
          value={holder}
          onChange={(e) => setHolder(e.currentTarget.value)}
          data={[...home.seats.map((seat) => ({ value: `seat:${seat.id}`, label: seat.organization.name })), { value: `person:${me.id}`, label: `Me (${me.displayName})` }]}
          error={fieldError(record.error, "holder")}
        />
        <NativeSelect
          label="Confidence"
          value={confidence}
          onChange={(e) => setConfidence(e.currentTarget.value as ConfidenceLevel)}
          data={Object.entries(confidenceLabels).map(([value, label]) => ({ value, label }))}
          error={fieldError(record.error, "confidence")}
        />
        <Textarea label="How it will be tested" required autosize minRows={2} value={testPlan} onChange={(e) => setTestPlan(e.currentTarget.value)} error={fieldError(record.error, "testPlan")} />
        <TextInput label="Review on" type="date" required value={reviewOn} onChange={(e) => setReviewOn(e.currentTarget.value)} error={fieldError(record.error, "reviewOn")} />
        <NativeSelect
          label="A decision resting on it (optional)"
          value={decisionId}
          onChange={(e) => setDecisionId(e.currentTarget.value)}
          data={[{ value: "", label: "None" }, ...(targets.data?.proposals ?? []).map((p) => ({ value: p.id, label: p.title }))]}
          error={fieldError(record.error, "decisionIds")}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={record.isPending}>
            Record assumption
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function AssumptionsPage() {
  return (
    <RegisterListPage
      kind="assumption"
      filter={{ param: "status", label: "Status", any: "Any status", options: assumptionStatusLabels }}
      renderItem={(item, home) => <AssumptionItem assumption={item} home={home} />}
      canAdd={mayRecord}
      newForm={{ label: "Record an assumption", render: (home, onDone) => <RecordAssumptionForm home={home} onDone={onDone} /> }}
      empty={(_home, canAdd) => (canAdd ? "What is the alliance taking for granted? Write it down with “Record an assumption”." : "Assumptions partners record will be listed here.")}
    />
  );
}

function TestAssumptionForm({ home, assumption, reload }: { home: AllianceHome; assumption: AssumptionDetail; reload: () => void }) {
  const [outcome, setOutcome] = useState<"holding" | "invalidated">("holding");
  const [evidence, setEvidence] = useState("");
  const [nextReviewOn, setNextReviewOn] = useState("");
  const test = useTestAssumption(home.id, assumption.id);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    test.mutate({ version: assumption.version, outcome, evidence, ...(outcome === "holding" && nextReviewOn ? { nextReviewOn } : {}) }, { onSuccess: () => setEvidence("") });
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Record a test">
      <Stack gap="sm">
        <StaleNotice
          error={test.error}
          onReload={() => {
            test.reset();
            reload();
          }}
        />
        <FormError error={unlessStale(test.error)} fields={["outcome", "evidence", "nextReviewOn"]} title="Could not record the test" />
        <Radio.Group label="Outcome" value={outcome} onChange={(value) => setOutcome(value === "invalidated" ? "invalidated" : "holding")}>
          <Group gap="md" mt={4}>
            <Radio value="holding" label="It holds" />
            <Radio value="invalidated" label="It is invalidated" />
          </Group>
        </Radio.Group>
        <Textarea label="Evidence" required autosize minRows={2} value={evidence} onChange={(e) => setEvidence(e.currentTarget.value)} error={fieldError(test.error, "evidence")} />
        {outcome === "holding" && <TextInput label="Next review (optional)" type="date" value={nextReviewOn} onChange={(e) => setNextReviewOn(e.currentTarget.value)} error={fieldError(test.error, "nextReviewOn")} />}
        <Group justify="flex-end">
          <Button type="submit" loading={test.isPending} disabled={evidence.trim() === ""}>
            Record test
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ReviseAssumptionForm({ home, assumption, reload }: { home: AllianceHome; assumption: AssumptionDetail; reload: () => void }) {
  const [confidence, setConfidence] = useState<ConfidenceLevel>(typeof assumption.confidence === "string" ? assumption.confidence : assumption.confidenceValue >= 0.67 ? "high" : assumption.confidenceValue >= 0.34 ? "medium" : "low");
  const [reviewOn, setReviewOn] = useState(assumption.reviewOn);
  const [decisionId, setDecisionId] = useState("");
  const targets = useActionTargets(home.id, true);
  const linkable = (targets.data?.proposals ?? []).filter((p) => !assumption.decisionIds.includes(p.id));
  const revise = useReviseAssumption(home.id, assumption.id);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    revise.mutate({ version: assumption.version, confidence, reviewOn, ...(decisionId ? { linkDecisionIds: [decisionId] } : {}) });
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Revise the assumption">
      <Stack gap="sm">
        <StaleNotice
          error={revise.error}
          onReload={() => {
            revise.reset();
            reload();
          }}
        />
        <FormError error={unlessStale(revise.error)} fields={["confidence", "reviewOn", "linkDecisionIds"]} title="Could not revise the assumption" />
        <Group align="flex-end" gap="sm">
          <NativeSelect label="Confidence" value={confidence} onChange={(e) => setConfidence(e.currentTarget.value as ConfidenceLevel)} data={Object.entries(confidenceLabels).map(([value, label]) => ({ value, label }))} />
          <TextInput label="Review on" type="date" value={reviewOn} onChange={(e) => setReviewOn(e.currentTarget.value)} error={fieldError(revise.error, "reviewOn")} />
          {linkable.length > 0 && (
            <NativeSelect
              label="Link a decision resting on it"
              value={decisionId}
              onChange={(e) => setDecisionId(e.currentTarget.value)}
              data={[{ value: "", label: "None" }, ...linkable.map((p) => ({ value: p.id, label: p.title }))]}
              error={fieldError(revise.error, "linkDecisionIds")}
            />
          )}
          <Button type="submit" variant="default" loading={revise.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function AssumptionBody({ home, assumption, reload }: { home: AllianceHome; assumption: AssumptionDetail; reload: () => void }) {
  const me = useMe();
  const targets = useActionTargets(home.id, assumption.decisionIds.length > 0);
  const titles: Record<string, string> = Object.fromEntries([...(targets.data?.commitments ?? []), ...(targets.data?.proposals ?? [])].map((t) => [t.id, t.title]));
  return (
    <Stack gap="lg">
      <Paper withBorder p="md" radius="md" component="article" aria-label="The assumption">
        <Stack gap="sm">
          <Group gap="xs">
            <StatusBadge status={assumption.status} />
            {assumption.isReviewDue && (
              <Badge variant="outline" color="#b23c0c">
                Review due
              </Badge>
            )}
          </Group>
          <Text fw={600} size="lg" className="wrap-anywhere">
            {assumption.statement}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            <Field label="Held by">{holderText(assumption)}</Field>
            <Field label="Confidence">{confidenceText(assumption)}</Field>
            <Field label="Review on">{formatDay(assumption.reviewOn)}</Field>
          </SimpleGrid>
          <Field label="How it will be tested">{assumption.testPlan}</Field>
          {assumption.lastTest && (
            <Paper bg="gray.0" p="sm" radius="sm">
              <Text size="sm" fw={600}>
                Last tested {formatDate(assumption.lastTest.at, me.timeZone)}: {assumption.lastTest.outcome === "holding" ? "it holds" : "invalidated"}
              </Text>
              <Text size="sm" className="wrap-anywhere" style={{ whiteSpace: "pre-line" }}>
                {assumption.lastTest.evidence}
              </Text>
            </Paper>
          )}
          <div>
            <Text size="sm" fw={600}>
              Decisions resting on it
            </Text>
            {assumption.decisionIds.length === 0 ? (
              <Text size="sm" c="dimmed">
                None linked.
              </Text>
            ) : (
              <List size="sm">
                {assumption.decisionIds.map((id) => (
                  <List.Item key={id}>{titles[id] ?? "A proposal"}</List.Item>
                ))}
              </List>
            )}
          </div>
          <Text size="xs" c="dimmed">
            Recorded by {assumption.recordedBy.displayName} on <time dateTime={assumption.recordedAt}>{formatDateTime(assumption.recordedAt, me.timeZone)}</time>
          </Text>
        </Stack>
      </Paper>
      {(assumption.can.test || assumption.can.revise) && (
        <section aria-labelledby="test-title">
          <Title order={2} size="h4" id="test-title" mb="xs">
            Test or revise
          </Title>
          <Paper withBorder p="md" radius="md">
            <Stack gap="lg">
              {assumption.can.test && <TestAssumptionForm home={home} assumption={assumption} reload={reload} />}
              {assumption.can.revise && <ReviseAssumptionForm key={assumption.version} home={home} assumption={assumption} reload={reload} />}
            </Stack>
          </Paper>
        </section>
      )}
      <RecordLinks allianceId={home.id} record={{ ...assumption, links: assumption.links.filter((link) => link.relation !== "supports") }} />
      <RecordDiscussion allianceId={home.id} kind="assumption" recordId={assumption.id} record={assumption} canComment={assumption.can.comment} timeZone={me.timeZone} />
    </Stack>
  );
}

export function AssumptionPage() {
  return (
    <RecordPage kind="assumption" title={() => "Assumption"}>
      {(home, assumption, reload) => <AssumptionBody home={home} assumption={assumption} reload={reload} />}
    </RecordPage>
  );
}
