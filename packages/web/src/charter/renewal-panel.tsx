import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, Textarea, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { FormError } from "../components/form-errors";
import { fieldProblem } from "./field-problem";
import { LoadError, Loading } from "../components/page-states";
import { useAnswerRenewal, useOpenRenewalRound, useRenewal } from "./charter-api";
import { describeRenewal, formatDay } from "./charter-labels";
import { SeatPicker } from "./seat-picker";
import type { RenewalView } from "./types";

type RoundSeat = NonNullable<RenewalView["openRound"]>["seats"][number];

function seatAnswer(seat: RoundSeat): { label: string; color: string } {
  if (seat.split) return { label: "Split", color: "orange.9" };
  if (seat.answer === "reaffirms") return { label: "Reaffirms", color: "teal.9" };
  if (seat.answer === "concern") return { label: "Raised a concern", color: "red.9" };
  return { label: "Not yet answered", color: "gray.7" };
}

function RenewalAnswerForm({ allianceId, view, mySeats }: { allianceId: string; view: RenewalView; mySeats: readonly { id: string; name: string }[] }) {
  const [seatId, setSeatId] = useState(mySeats[0]?.id ?? "");
  const [raising, setRaising] = useState(false);
  const [reason, setReason] = useState("");
  const answer = useAnswerRenewal(allianceId);
  const seat = mySeats.length > 1 ? { seatId } : {};
  const raise = (event: FormEvent) => {
    event.preventDefault();
    answer.mutate({ ...seat, answer: "concern", reason }, { onSuccess: () => setRaising(false) });
  };
  return (
    <Stack gap="xs">
      {view.myAnswer && (
        <Text size="sm">
          You answered: {view.myAnswer.answer === "reaffirm" ? "you reaffirm the purpose" : `you raised a concern (“${view.myAnswer.reason ?? ""}”)`}. You can change your answer until every seat
          reaffirms.
        </Text>
      )}
      <FormError error={answer.error} fields={["reason", "seatId"]} title="Your answer was not saved" />
      <SeatPicker seats={mySeats} value={seatId} onChange={setSeatId} />
      {raising ? (
        <form onSubmit={raise} noValidate aria-label="Raise a concern">
          <Stack gap="xs">
            <Textarea label="Your concern" description="Say what would have to change for your seat to reaffirm." required autosize minRows={2} maxLength={2000} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={fieldProblem(answer.error, "reason")} />
            <Group>
              <Button type="submit" color="red.9" loading={answer.isPending}>
                Send concern
              </Button>
              <Button variant="default" onClick={() => setRaising(false)}>
                Cancel
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Group>
          <Button onClick={() => answer.mutate({ ...seat, answer: "reaffirm" })} loading={answer.isPending && answer.variables.answer === "reaffirm"}>
            Reaffirm the purpose
          </Button>
          <Button variant="default" onClick={() => setRaising(true)}>
            Raise a concern
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/**
 * Renewal: when the period comes due every seat is asked to reaffirm the purpose or raise a
 * concern; the charter is renewed when every seat reaffirms.
 */
export function RenewalPanel({ allianceId, mySeats, hasClauses }: { allianceId: string; mySeats: readonly { id: string; name: string }[]; hasClauses: boolean }) {
  const renewal = useRenewal(allianceId, hasClauses);
  const open = useOpenRenewalRound(allianceId);
  if (!hasClauses) return null;
  if (renewal.isPending) return <Loading label="Loading the renewal…" />;
  if (renewal.isError) return <LoadError error={renewal.error} onRetry={() => void renewal.refetch()} title="The renewal could not be loaded" />;
  const view = renewal.data;
  const status = view.status ? describeRenewal(view.status) : null;
  const round = view.openRound;
  return (
    <section aria-labelledby="renewal-title">
      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <Group justify="space-between" gap="xs">
            <Title order={2} size="h4" id="renewal-title">
              Renewal
            </Title>
            {status && (
              <Badge variant="filled" color={status.tone === "overdue" ? "red.9" : status.tone === "due" ? "orange.9" : round ? "blue.8" : "teal.9"}>
                {status.tone === "overdue" ? "Overdue" : status.tone === "due" ? "Due" : round ? "Round open" : "Up to date"}
              </Badge>
            )}
          </Group>
          {status && (
            <div>
              <Text fw={600}>{status.headline}</Text>
              <Text size="sm" c="dimmed">
                {status.detail}
              </Text>
            </div>
          )}
          {round ? (
            <Stack gap="xs">
              <Alert variant="light" color="blue" title={`Renewal round opened on ${formatDay(round.openedOn)}`}>
                Every seat is asked to reaffirm the purpose or raise a concern. The charter is renewed when every seat reaffirms; {round.pendingSeats.length} seat
                {round.pendingSeats.length === 1 ? " has" : "s have"} not answered yet.
              </Alert>
              <Table.ScrollContainer minWidth={0}>
                <Table aria-label="Renewal answers by seat" verticalSpacing={4}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">Seat</Table.Th>
                      <Table.Th scope="col">Answer</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {round.seats.map((seat) => {
                      const shown = seatAnswer(seat);
                      return (
                        <Table.Tr key={seat.seatId}>
                          <Table.Td className="wrap-anywhere">{seat.name}</Table.Td>
                          <Table.Td>
                            <Badge variant="filled" color={shown.color}>
                              {shown.label}
                            </Badge>
                            {seat.concerns.map((c) => (
                              <Text key={c.person.id} size="xs" className="wrap-anywhere">
                                {c.person.displayName}: “{c.reason}”
                              </Text>
                            ))}
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              {view.can.answer && <RenewalAnswerForm allianceId={allianceId} view={view} mySeats={mySeats} />}
            </Stack>
          ) : (
            view.rounds[0]?.renewedOn && (
              <Text size="sm" c="dimmed">
                The last round closed with every seat reaffirming the purpose.
              </Text>
            )
          )}
          <FormError error={open.error} title="The renewal round was not opened" />
          {view.can.open && (
            <Group>
              <Button variant={view.status?.isDue ? "filled" : "default"} onClick={() => open.mutate(undefined)} loading={open.isPending}>
                Ask every seat to renew now
              </Button>
              <Text size="xs" c="dimmed">
                Trellis asks every seat by itself when the period comes due.
              </Text>
            </Group>
          )}
        </Stack>
      </Paper>
    </section>
  );
}
