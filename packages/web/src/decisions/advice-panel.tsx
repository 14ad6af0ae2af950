import { Badge, Button, Checkbox, Group, Paper, Radio, Stack, Text, Textarea, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { stanceLabel } from "./decision-labels";
import type { AdviceRecordView, ProposalView } from "./decision-types";
import { useRecordAdviceDecision } from "./decisions-api";
import { DecisionFormError, fieldProblem } from "./field-problem";

type AdviceBySeat = { seatId: string; advice: AdviceRecordView[] }[];

/** The decider's decision: adopt or reject, a note, and which advice they took. */
function DecideForm({ allianceId, proposal, adviceBySeat }: { allianceId: string; proposal: ProposalView; adviceBySeat: AdviceBySeat }) {
  const decide = useRecordAdviceDecision(allianceId, proposal.id);
  const [decision, setDecision] = useState<"adopt" | "reject">("adopt");
  const [note, setNote] = useState("");
  const [taken, setTaken] = useState<string[]>([]);
  const seatName = (seatId: string) => proposal.seats.find((s) => s.id === seatId)?.name ?? "a seat";
  const submit = (event: FormEvent) => {
    event.preventDefault();
    decide.mutate({ decision, note, adviceTaken: taken });
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Your decision">
      <Stack gap="sm">
        <DecisionFormError error={decide.error} fields={["decision", "note", "adviceTaken"]} title="The decision could not be recorded" />
        <Radio.Group label="Decision" value={decision} onChange={(value) => setDecision(value === "reject" ? "reject" : "adopt")}>
          <Group gap="md" mt={4}>
            <Radio value="adopt" label="Adopt" />
            <Radio value="reject" label="Reject" />
          </Group>
        </Radio.Group>
        <Textarea label="Why, and what changes" required autosize minRows={2} maxLength={4000} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={fieldProblem(decide.error, "note")} />
        <Checkbox.Group label="Advice you took" value={taken} onChange={setTaken}>
          <Stack gap={4} mt={4}>
            {adviceBySeat.flatMap((seat) =>
              seat.advice.map((a) => <Checkbox key={a.positionId} value={a.positionId} label={`${seatName(seat.seatId)}: ${a.advice}`} />),
            )}
          </Stack>
        </Checkbox.Group>
        <Group justify="flex-end">
          <Button type="submit" loading={decide.isPending}>
            Record decision
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Advice by seat, whether the decider took it, and the decider's decision (or the form to make it). */
export function AdvicePanel({ allianceId, proposal }: { allianceId: string; proposal: ProposalView }) {
  const details = proposal.outcome?.details;
  const adviceBySeat: AdviceBySeat = details?.kind === "advice" ? details.adviceBySeat : [];
  const seatName = (seatId: string) => proposal.seats.find((s) => s.id === seatId)?.name ?? "a seat";
  const personName = (positionId: string) => proposal.positions?.find((p) => p.id === positionId)?.person?.displayName ?? "Someone";
  return (
    <section aria-labelledby="advice-title">
      <Title order={2} size="h3" id="advice-title" mb="sm">
        Advice
      </Title>
      <Stack gap="sm">
        {adviceBySeat.length === 0 ? (
          <Text size="sm">No advice yet.</Text>
        ) : (
          adviceBySeat.map((seat) => (
            <Paper key={seat.seatId} withBorder p="sm" radius="md">
              <Text fw={600} size="sm">
                {seatName(seat.seatId)}
              </Text>
              <Stack gap={4} mt={4}>
                {seat.advice.map((a) => (
                  <Text key={a.positionId} size="sm" className="wrap-anywhere">
                    {personName(a.positionId)} ({stanceLabel("advice", a.stance).toLowerCase()}): {a.advice}{" "}
                    {a.taken && (
                      <Badge size="sm" variant="filled" color="teal.9">
                        Taken
                      </Badge>
                    )}
                  </Text>
                ))}
              </Stack>
            </Paper>
          ))
        )}
        {proposal.adviceDecision ? (
          <Text size="sm">
            <strong>{proposal.adviceDecision.decider.displayName}</strong> decided to {proposal.adviceDecision.decision}: {proposal.adviceDecision.note}
          </Text>
        ) : proposal.can.decide ? (
          <Paper withBorder p="md" radius="md">
            <DecideForm allianceId={allianceId} proposal={proposal} adviceBySeat={adviceBySeat} />
          </Paper>
        ) : (
          <Text size="sm" c="dimmed">
            The decider has not decided yet.
          </Text>
        )}
      </Stack>
    </section>
  );
}
