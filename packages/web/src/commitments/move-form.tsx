import { Alert, Button, Group, NativeSelect, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { isApiError } from "../api/client";
import { FormError } from "../components/form-errors";
import { useMoveCommitment } from "./api";
import { commitmentFieldError, isPlacedFieldError } from "./field-errors";
import { instantFromLocalInput, localInputOf } from "../components/local-time";
import { timeZoneOptions } from "./format";
import type { CommitmentDetail, MoveInput, MoveOption } from "./types";

/** Short help for the moves whose consequence is not obvious from the button. */
const moveHelp: Partial<Record<MoveOption["move"], string>> = {
  promise: "You bind yourself to the conditions and the date as they stand.",
  counter: "Say what you could promise instead; they accept, counter again or say no.",
  counter_again: "Put your terms back to them; they answer as to a new request.",
  accept_counter: "Their terms become the promise.",
  commit_to_commit: "Promise an answer by a date, when you cannot say yes or no yet.",
  report: "Tell them it is done; they declare whether it meets the conditions.",
  accept: "Declare the conditions met: this closes the commitment as kept.",
  reject_report: "Say what is still missing; the promise stands and the work goes on.",
  propose_renegotiation: "The current promise stands until the other side accepts the new terms.",
  revoke: "Release your promise openly before it is due: healthier than missing it silently.",
  renege: "Say openly that it will not be delivered.",
  cancel: "Withdraw your request; the commitment ends.",
  withdraw: "Take it back before anyone is bound; the conversation ends.",
  decline: "Say no; the conversation ends.",
};

/**
 * The form of one move: a message, and new terms where the move carries them. It sends the
 * version the person saw when they opened it; if someone moved first, the answer (409) shows what
 * changed and the person may try again from the current state.
 */
export function MoveForm({ commitment, option, timeZone, onDone, onCancel }: { commitment: CommitmentDetail; option: MoveOption; timeZone: string; onDone: () => void; onCancel: () => void }) {
  const [baseVersion, setBaseVersion] = useState(commitment.version);
  const [message, setMessage] = useState("");
  const [conditions, setConditions] = useState(commitment.conditions);
  const [due, setDue] = useState(() => localInputOf(commitment.dueAt, commitment.timeZone));
  const [zone, setZone] = useState(commitment.timeZone);
  const [answerBy, setAnswerBy] = useState("");
  const [localError, setLocalError] = useState<{ field: string; message: string } | null>(null);
  const move = useMoveCommitment(commitment.allianceId, commitment.id);
  const conflict = isApiError(move.error, "stale_version") || isApiError(move.error, "illegal_move");
  const stillPossible = commitment.availableMoves.some((m) => m.move === option.move);
  const formId = `move-${option.move}`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setLocalError(null);
    const input: MoveInput = { version: baseVersion, move: option.move, ...(message.trim() ? { message: message.trim() } : {}) };
    if (option.terms !== "none") {
      const dueAt = instantFromLocalInput(due, zone);
      if (!dueAt) {
        setLocalError({ field: "dueAt", message: "Give a date and a time." });
        return;
      }
      const conditionsChanged = conditions.trim() !== commitment.conditions;
      const dueChanged = dueAt !== new Date(commitment.dueAt).toISOString() || zone !== commitment.timeZone;
      if (option.terms === "required" && !conditionsChanged && !dueChanged) {
        setLocalError({ field: "conditions", message: "Change the conditions or the due date: that is what this move proposes." });
        return;
      }
      if (conditionsChanged) input.conditions = conditions.trim();
      if (dueChanged) Object.assign(input, { dueAt, timeZone: zone });
    }
    if (option.needsAnswerBy) {
      const at = instantFromLocalInput(answerBy, timeZone);
      if (!at) {
        setLocalError({ field: "answerBy", message: "Say by when you will answer." });
        return;
      }
      input.answerBy = at;
    }
    move.mutate(input, { onSuccess: onDone });
  };

  // Start again from the commitment as it stands now (the page already shows it).
  const tryAgain = () => {
    setBaseVersion(commitment.version);
    setConditions(commitment.conditions);
    setDue(localInputOf(commitment.dueAt, commitment.timeZone));
    setZone(commitment.timeZone);
    move.reset();
  };

  const fields = ["message", "conditions", "dueAt", "timeZone", "answerBy"];
  const errorFor = (field: string) => (localError?.field === field ? localError.message : commitmentFieldError(move.error, field));

  return (
    <form onSubmit={submit} noValidate aria-label={option.label} id={formId}>
      <Stack gap="sm">
        {moveHelp[option.move] && <Text size="sm">{moveHelp[option.move]}</Text>}
        {conflict ? (
          <Alert color="orange" variant="light" title="Someone moved this commitment meanwhile" role="alert">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">
                It is now {commitment.stateLabel}
                {commitment.lastMove ? ` (last move: ${commitment.lastMove.label})` : ""}. The conversation below shows what changed; your words are kept.
              </Text>
              {stillPossible ? (
                <Button size="xs" variant="default" onClick={tryAgain}>
                  Try again from the current state
                </Button>
              ) : (
                <Text size="sm">“{option.label}” is no longer possible now.</Text>
              )}
            </Stack>
          </Alert>
        ) : (
          <FormError error={isPlacedFieldError(move.error, fields) ? null : move.error} fields={fields} title={`Could not ${option.label.toLowerCase()}`} />
        )}
        {option.terms !== "none" && (
          <>
            <Textarea
              label="Conditions of satisfaction"
              description="What done means."
              autosize
              minRows={2}
              value={conditions}
              onChange={(e) => setConditions(e.currentTarget.value)}
              error={errorFor("conditions")}
            />
            <Group grow align="flex-start" wrap="wrap">
              <TextInput label="Due date" type="datetime-local" value={due} onChange={(e) => setDue(e.currentTarget.value)} error={errorFor("dueAt")} style={{ minWidth: 200 }} />
              <NativeSelect label="Time zone of the date" value={zone} onChange={(e) => setZone(e.currentTarget.value)} data={timeZoneOptions(commitment.timeZone, timeZone)} error={errorFor("timeZone")} style={{ minWidth: 200 }} />
            </Group>
          </>
        )}
        {option.needsAnswerBy && (
          <TextInput label={`I will answer by (${timeZone})`} type="datetime-local" value={answerBy} onChange={(e) => setAnswerBy(e.currentTarget.value)} error={errorFor("answerBy")} />
        )}
        <Textarea label="Message (optional)" autosize minRows={2} value={message} onChange={(e) => setMessage(e.currentTarget.value)} error={errorFor("message")} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Back
          </Button>
          <Button type="submit" loading={move.isPending} disabled={conflict}>
            {option.label}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
