import { Alert, Button, Group, List, Paper, Radio, Stack, Text, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useParams } from "react-router";
import { isApiError } from "../api/client";
import { useMe } from "../api/session";
import type { AllianceHome } from "../api/types";
import { FormError } from "../components/form-errors";
import { LoadError, Loading } from "../components/page-states";
import { formatDateTime } from "../labels";
import { NotFoundPage } from "../pages/not-found-page";
import { useAnswerPulse, useClosePulse, useLanguageLive, usePulse, usePulseResults } from "./api";
import { dynamicLabels } from "./language-labels";
import { PageHead, WithAlliance } from "./language-shell";
import { PulseSummaryView } from "./pulse-results";
import { PulseStatusBadge, responseText } from "./pulses-page";
import type { PulseDetail } from "./types";

function AnswerForm({ home, pulse }: { home: AllianceHome; pulse: PulseDetail }) {
  const [values, setValues] = useState<Record<string, string>>({});
  const answer = useAnswerPulse(home.id, pulse.id);
  const answered = Object.keys(values).length;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const answers = pulse.questions.filter((q) => values[q.key]).map((q) => ({ itemId: q.itemId, targetSeatId: q.targetSeatId, value: Number(values[q.key]) }));
    answer.mutate({ seatId: pulse.answeringSeatId, answers });
  };
  return (
    <section aria-labelledby="answer-title">
      <Title order={2} size="h3" id="answer-title" mb="xs">
        Your answers
      </Title>
      <Text size="sm" c="dimmed" mb="sm" maw={760}>
        Nobody — partners, facilitators, administrators — sees your answers on their own: they are stored apart from your name and counted only in groups of at least k people. You may skip any
        question; you answer once.
      </Text>
      <form onSubmit={submit} noValidate aria-label={`Answer ${pulse.title}`}>
        <Stack gap="md">
          <FormError error={answer.error} fields={[]} title="Your answers were not saved" />
          {pulse.questions.map((question, index) => (
            <Paper key={question.key} withBorder p="sm" radius="md">
              <Radio.Group
                label={`${index + 1}. ${question.text}`}
                value={values[question.key] ?? ""}
                onChange={(value) => setValues((old) => ({ ...old, [question.key]: value }))}
              >
                <Group gap="sm" mt={6}>
                  {question.labels.map((label, i) => (
                    <Radio key={label} value={String(question.min + i)} label={label} />
                  ))}
                </Group>
              </Radio.Group>
            </Paper>
          ))}
          <Group justify="flex-end">
            <Text size="sm" c="dimmed">
              {answered} of {pulse.questions.length} answered
            </Text>
            <Button type="submit" loading={answer.isPending} disabled={answered === 0}>
              Send my answers
            </Button>
          </Group>
        </Stack>
      </form>
    </section>
  );
}

function Results({ home, pulse }: { home: AllianceHome; pulse: PulseDetail }) {
  const results = usePulseResults(home.id, pulse.id, pulse.status === "closed");
  return (
    <section aria-labelledby="results-title">
      <Title order={2} size="h3" id="results-title" mb="sm">
        Results
      </Title>
      {pulse.status !== "closed" ? (
        <Alert color="blue" variant="light" role="status" title="No results while the pulse is open">
          Results appear once the pulse has closed, and only where at least k people answered.
        </Alert>
      ) : results.isPending ? (
        <Loading label="Loading the results…" />
      ) : results.isError ? (
        <LoadError error={results.error} onRetry={() => void results.refetch()} />
      ) : (
        <PulseSummaryView
          summary={results.data.results}
          intro={`${results.data.audience.kind === "facilitator" ? "You see the facilitator's view." : "You see a partner's view: trust items only about your own seat, as an aggregate over the other seats."} Every result stands on at least ${results.data.results.k} respondents.`}
        />
      )}
    </section>
  );
}

function PulseBody({ home }: { home: AllianceHome }) {
  const { pulseId = "" } = useParams();
  const me = useMe();
  const live = useLanguageLive(home.id);
  const pulse = usePulse(home.id, pulseId);
  const close = useClosePulse(home.id, pulseId);
  if (pulse.isPending) return <Loading label="Loading the pulse…" />;
  if (pulse.isError) {
    if (isApiError(pulse.error, "not_found") || isApiError(pulse.error, "validation_failed")) return <NotFoundPage what="pulse" />;
    return <LoadError error={pulse.error} onRetry={() => void pulse.refetch()} title="The pulse could not be loaded" />;
  }
  const p = pulse.data;
  const isFacilitator = home.me.roles.includes("facilitator");
  return (
    <Stack gap="xl">
      <PageHead home={home} title={p.title} live={live} back={{ to: `/alliances/${home.id}/pulses`, label: "Pulses" }} />
      <Paper withBorder p="md" radius="md">
        <Stack gap="xs">
          <Group gap="xs">
            <PulseStatusBadge status={p.status} />
            <Text size="sm">
              Open {formatDateTime(p.opensAt, me.timeZone)} – {formatDateTime(p.closedAt ?? p.closesAt, me.timeZone)} · {responseText(p)}
            </Text>
          </Group>
          <Text size="sm" fw={600}>
            Items
          </Text>
          <List size="sm" spacing={2}>
            {p.items.map((item) => (
              <List.Item key={item.id}>
                {item.text}{" "}
                <Text span size="xs" c="dimmed">
                  ({dynamicLabels[item.dynamic] ?? item.dynamic}
                  {item.directional ? ", asked about each other seat" : ""})
                </Text>
              </List.Item>
            ))}
          </List>
          {isFacilitator && p.status === "open" && (
            <Group>
              <FormError error={close.error} title="Could not close the pulse" />
              <Button variant="default" loading={close.isPending} onClick={() => close.mutate(undefined)}>
                Close {p.title} now
              </Button>
            </Group>
          )}
        </Stack>
      </Paper>
      {p.me.hasResponded && (
        <Alert color="blue" variant="light" role="status" title="Thank you">
          Your answers are in. They count only in groups of at least k people.
        </Alert>
      )}
      {p.me.canAnswer && p.questions.length > 0 && <AnswerForm home={home} pulse={p} />}
      <Results home={home} pulse={p} />
    </Stack>
  );
}

/** One pulse: its items, my answers while it is open, and its results through the anonymity guard once closed. */
export function PulsePage() {
  return <WithAlliance title="Pulse">{(home) => <PulseBody home={home} />}</WithAlliance>;
}
