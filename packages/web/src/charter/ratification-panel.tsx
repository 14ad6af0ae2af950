import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Textarea, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { isApiError } from "../api/client";
import { FormError } from "../components/form-errors";
import { fieldProblem } from "./field-problem";
import { formatWeight } from "../labels";
import { useAnswerAmendment } from "./charter-api";
import { describeAmendmentRule } from "./charter-labels";
import { SeatPicker } from "./seat-picker";
import type { AmendmentView, SeatRatification } from "./types";

function seatAnswer(seat: SeatRatification): { label: string; color: string } {
  if (seat.split) return { label: "Split: objects", color: "orange.9" };
  if (seat.answer === "consents") return { label: "Consents", color: "teal.9" };
  if (seat.answer === "objects") return { label: "Objects", color: "red.9" };
  return { label: "Not yet answered", color: "gray.7" };
}

/** Where the ratification stands under the charter's rule, in one sentence. */
function describeProgress(view: AmendmentView): string {
  const r = view.ratification;
  const seats = r.seats.length;
  const consenting = r.consentingSeats.length;
  const weighted = r.rule.kind === "weighted" ? ` (weight ${formatWeight(r.consentingWeight)} of ${formatWeight(r.totalWeight)})` : "";
  return `${consenting} of ${seats} seat${seats === 1 ? "" : "s"} consent${consenting === 1 ? "s" : ""}${weighted}; the rule: ${describeAmendmentRule(r.rule).toLowerCase()}.`;
}

function Outcome({ view, allianceId }: { view: AmendmentView; allianceId: string }) {
  const r = view.ratification;
  const names = (ids: string[]) => ids.map((id) => r.seats.find((s) => s.seatId === id)?.name ?? "a seat").join(", ");
  if (view.state === "ratified" && view.ratifiedAsVersion !== null) {
    return (
      <Alert variant="light" color="teal" title={`Ratified: the charter is now at version ${view.ratifiedAsVersion}`}>
        <Anchor component={Link} to={`/alliances/${allianceId}/charter/versions?from=${view.ratifiedAsVersion - 1}&to=${view.ratifiedAsVersion}`} size="sm">
          See what changed from version {view.ratifiedAsVersion - 1} to {view.ratifiedAsVersion}
        </Anchor>
      </Alert>
    );
  }
  if (view.state === "rejected") return <Alert variant="light" color="red" title="Rejected">The objecting seats made the charter's rule unreachable, and the amendment was closed.</Alert>;
  if (view.state === "withdrawn") return <Alert variant="light" color="gray" title="Withdrawn">The proposer withdrew this amendment.</Alert>;
  if (view.stale) return null;
  if (r.verdict === "unreachable") {
    return (
      <Alert variant="light" color="orange" title="Cannot be ratified as it stands">
        {names(r.objectingSeats)} object{r.objectingSeats.length === 1 ? "s" : ""}, so the rule cannot be met. The proposer can revise the amendment (every seat then answers the new draft), an objecting seat
        can change its answer, or the amendment can be closed as rejected.
      </Alert>
    );
  }
  if (r.pendingSeats.length > 0) {
    return (
      <Text size="sm">
        Waiting for: {names(r.pendingSeats)}. When the rule is met the amendment is ratified at once and the charter gets a new version.
      </Text>
    );
  }
  return null;
}

function AnswerForm({ view, allianceId, mySeats }: { view: AmendmentView; allianceId: string; mySeats: readonly { id: string; name: string }[] }) {
  const answer = useAnswerAmendment(allianceId, view.id);
  const [seatId, setSeatId] = useState(mySeats[0]?.id ?? "");
  const [objecting, setObjecting] = useState(false);
  const [reason, setReason] = useState("");
  // The draft the person read; a revision meanwhile is caught by the server (stale_version).
  const draft = view.draft;
  const seat = mySeats.length > 1 ? { seatId } : {};
  const revised = isApiError(answer.error, "stale_version");
  const object = (event: FormEvent) => {
    event.preventDefault();
    answer.mutate({ ...seat, draft, answer: "object", reason }, { onSuccess: () => setObjecting(false) });
  };
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="xs">
        <Title order={3} size="h5">
          Your seat's answer to draft {view.draft}
        </Title>
        {view.myAnswer ? (
          <Text size="sm">
            You {view.myAnswer.answer === "consent" ? "consented" : `objected: “${view.myAnswer.reason ?? ""}”`}. You can change your answer while the amendment is open.
          </Text>
        ) : (
          <Text size="sm">You have not answered this draft. Consent if your seat can live with it; object with a reason if it cannot.</Text>
        )}
        <FormError
          error={answer.error}
          fields={["reason", "seatId"]}
          title={revised ? "The amendment changed while you were reading it: read the new draft, then answer again" : "Your answer was not saved"}
        />
        {revised && (
          <Group>
            <Button size="xs" variant="default" onClick={() => answer.reset()}>
              I have read the new draft
            </Button>
          </Group>
        )}
        <SeatPicker seats={mySeats} value={seatId} onChange={setSeatId} />
        {objecting ? (
          <form onSubmit={object} noValidate aria-label="Object to the amendment">
            <Stack gap="xs">
              <Textarea
                label="Why does your seat object?"
                description="An objection needs a reason the proposer can work with."
                required
                autosize
                minRows={2}
                maxLength={2000}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                error={fieldProblem(answer.error, "reason")}
              />
              <Group>
                <Button type="submit" color="red.9" loading={answer.isPending}>
                  Send objection
                </Button>
                <Button variant="default" onClick={() => setObjecting(false)}>
                  Cancel
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <Group>
            <Button onClick={() => answer.mutate({ ...seat, draft, answer: "consent" })} loading={answer.isPending} disabled={view.myAnswer?.answer === "consent"}>
              Consent
            </Button>
            <Button variant="default" color="red.9" onClick={() => setObjecting(true)}>
              Object
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

/** The ratification seat by seat under the charter's amendment rule, the outcome so far, and the person's answer. */
export function RatificationPanel({ view, allianceId, mySeats }: { view: AmendmentView; allianceId: string; mySeats: readonly { id: string; name: string }[] }) {
  const r = view.ratification;
  const weighted = r.rule.kind === "weighted";
  return (
    <section aria-labelledby="ratification-title">
      <Title order={2} size="h3" id="ratification-title" mb="xs">
        Ratification
      </Title>
      <Stack gap="sm">
        <Text size="sm">{describeProgress(view)}</Text>
        <Table.ScrollContainer minWidth={0}>
          <Table aria-label="Answers by seat" verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Seat</Table.Th>
                {weighted && <Table.Th scope="col">Weight</Table.Th>}
                <Table.Th scope="col">Answer</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.seats.map((seat) => {
                const shown = seatAnswer(seat);
                return (
                  <Table.Tr key={seat.seatId}>
                    <Table.Td className="wrap-anywhere">{seat.name}</Table.Td>
                    {weighted && <Table.Td>{formatWeight(seat.weight)}</Table.Td>}
                    <Table.Td>
                      <Stack gap={2}>
                        <Badge variant="filled" color={shown.color}>
                          {shown.label}
                        </Badge>
                        {seat.delegates.map((d) => (
                          <Text key={d.person.id} size="xs" className="wrap-anywhere">
                            {d.person.displayName} {d.answer === "consent" ? "consents" : `objects: “${d.reason ?? ""}”`}
                          </Text>
                        ))}
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Text size="xs" c="dimmed">
          A seat answers through its delegates: it consents when every delegate who answered consents, and objects when any of them objects.
        </Text>
        <Outcome view={view} allianceId={allianceId} />
        {view.can.answer && <AnswerForm view={view} allianceId={allianceId} mySeats={mySeats} />}
      </Stack>
    </section>
  );
}
