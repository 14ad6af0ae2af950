import { Button, Group, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { isApiError } from "../api/client";
import type { ProposalView } from "./decision-types";
import { useCloseProposal, useRecordOutcome, useUpdateProposal } from "./decisions-api";
import { DecisionFormError, fieldProblem } from "./field-problem";
import { calendarDateAt, instantFromLocalInput, localInputOf } from "../components/local-time";
import type { Reload } from "./objection-list";

/** Title, text and closing time of an open proposal (its proposer; versioned). */
export function EditProposalForm({ allianceId, proposal, timeZone, onDone, onReload }: { allianceId: string; proposal: ProposalView; timeZone: string; onDone: () => void; onReload: Reload }) {
  const update = useUpdateProposal(allianceId, proposal.id);
  const [base, setBase] = useState(proposal);
  const [title, setTitle] = useState(proposal.title);
  const [body, setBody] = useState(proposal.body);
  const [closesAt, setClosesAt] = useState(proposal.closesAt ? localInputOf(proposal.closesAt, timeZone) : "");
  const [problem, setProblem] = useState<string | null>(null);
  const stale = isApiError(update.error, "stale_version");
  const baseClosing = base.closesAt ? localInputOf(base.closesAt, timeZone) : "";

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const closing = closesAt.trim() === "" ? null : instantFromLocalInput(closesAt, timeZone);
    if (closesAt.trim() !== "" && closing === null) {
      setProblem("Give the closing time as a date and a time.");
      return;
    }
    update.mutate(
      { version: base.version, ...(title !== base.title ? { title } : {}), ...(body !== base.body ? { body } : {}), ...(closesAt !== baseClosing ? { closesAt: closing } : {}) },
      { onSuccess: onDone },
    );
  };
  // Takes their version as the new base: fields I did not touch show theirs, my edits stay.
  const reload = async () => {
    const latest = (await onReload()).data;
    if (!latest) return;
    if (title === base.title) setTitle(latest.title);
    if (body === base.body) setBody(latest.body);
    if (closesAt === baseClosing) setClosesAt(latest.closesAt ? localInputOf(latest.closesAt, timeZone) : "");
    setBase(latest);
    update.reset();
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Edit the proposal">
      <Stack gap="sm">
        <DecisionFormError error={update.error} fields={["title", "body", "closesAt"]} title={stale ? "Someone else changed the proposal" : "Could not save"} />
        {stale && (
          <Group>
            <Button size="xs" variant="default" onClick={() => void reload()}>
              Load their version, keep my changes
            </Button>
          </Group>
        )}
        {problem && (
          <Text c="red.9" size="sm" role="alert">
            {problem}
          </Text>
        )}
        <TextInput label="Title" required maxLength={200} value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={fieldProblem(update.error, "title")} />
        <Textarea label="Proposal text" autosize minRows={3} maxLength={10_000} value={body} onChange={(e) => setBody(e.currentTarget.value)} error={fieldProblem(update.error, "body")} />
        <TextInput
          type="datetime-local"
          label="Closing time"
          description={`In your time zone (${timeZone}). Leave empty to close it by hand.`}
          value={closesAt}
          onChange={(e) => setClosesAt(e.currentTarget.value)}
          error={fieldProblem(update.error, "closesAt")}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={update.isPending}>
            Save changes
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Closes the proposal now and freezes its outcome; refuses when the proposal changed since it was read. */
export function CloseProposalForm({ allianceId, proposal, onDone, onReload }: { allianceId: string; proposal: ProposalView; onDone: () => void; onReload: Reload }) {
  const close = useCloseProposal(allianceId, proposal.id);
  const stale = isApiError(close.error, "stale_version");
  return (
    <Stack gap="sm">
      <Text size="sm">Nobody can take or change a position after this. The outcome as it stands now becomes final and goes to the decision log.</Text>
      <DecisionFormError error={close.error} fields={[]} title={stale ? "The proposal changed since you opened it: look again before closing" : "Could not close"} />
      <Group justify="flex-end">
        {stale ? (
          <Button
            variant="default"
            onClick={() =>
              void onReload().then(() => {
                close.reset();
                onDone();
              })
            }
          >
            Load the latest version
          </Button>
        ) : (
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
        )}
        <Button color="red.9" loading={close.isPending} disabled={stale} onClick={() => close.mutate({ version: proposal.version }, { onSuccess: onDone })}>
          Close now
        </Button>
      </Group>
    </Stack>
  );
}

/** The outcome statement and its review date (proposer or facilitator; versioned when revising). */
export function OutcomeStatementForm({ allianceId, proposal, timeZone, onDone, onReload }: { allianceId: string; proposal: ProposalView; timeZone: string; onDone: () => void; onReload: Reload }) {
  const record = useRecordOutcome(allianceId, proposal.id);
  const [base, setBase] = useState(proposal.statement);
  const [statement, setStatement] = useState(proposal.statement?.statement ?? "");
  const [reviewOn, setReviewOn] = useState(proposal.statement?.reviewOn ?? "");
  const stale = isApiError(record.error, "stale_version");
  const closedOn = proposal.closedAt ? calendarDateAt(Date.parse(proposal.closedAt), timeZone) : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    record.mutate({ statement, reviewOn, ...(base ? { version: base.version } : {}) }, { onSuccess: onDone });
  };
  const reload = async () => {
    const latest = (await onReload()).data;
    if (!latest) return;
    if (statement === (base?.statement ?? "")) setStatement(latest.statement?.statement ?? "");
    if (reviewOn === (base?.reviewOn ?? "")) setReviewOn(latest.statement?.reviewOn ?? "");
    setBase(latest.statement);
    record.reset();
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Record what was decided">
      <Stack gap="sm">
        <DecisionFormError error={record.error} fields={["statement", "reviewOn"]} title={stale ? "Someone else recorded a statement meanwhile" : "Could not record the outcome"} />
        {stale && (
          <Group>
            <Button size="xs" variant="default" onClick={() => void reload()}>
              Load their statement, keep my changes
            </Button>
          </Group>
        )}
        <Textarea
          label="Outcome statement"
          description="What was decided, in words the decision log keeps."
          required
          autosize
          minRows={2}
          maxLength={4000}
          value={statement}
          onChange={(e) => setStatement(e.currentTarget.value)}
          error={fieldProblem(record.error, "statement")}
        />
        <TextInput
          type="date"
          label="Review on"
          description="When the partners look at this decision again."
          required
          min={closedOn}
          value={reviewOn}
          onChange={(e) => setReviewOn(e.currentTarget.value)}
          error={fieldProblem(record.error, "reviewOn")}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={record.isPending}>
            Record outcome
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
