import { isStanceMethod, type DecisionMethodKind } from "@trellis/core/decisions";
import { Badge, Group, List, Stack, Table, Text, Title } from "@mantine/core";
import { formatDateTime } from "../labels";
import { failureLabels, formatTally, stanceLabel, warningInk } from "./decision-labels";
import type { OutcomeView, ProposalView, SeatTallyView } from "./decision-types";
import { describePosition } from "./describe-position";

/** Seats in alphabetical order, so every list of seats reads the same way. */
export function byName<T extends { name: string }>(seats: readonly T[]): T[] {
  return [...seats].sort((a, b) => a.name.localeCompare(b.name));
}

/** What the numbers of the tally count, per method. */
function tallyUnits(proposal: ProposalView): { person: string; seat: string } {
  const method = proposal.method;
  switch (method.kind) {
    case "weighted":
      return { person: "People", seat: "Seat weight" };
    case "score":
      return { person: "Mean score by person", seat: "Mean score by seat" };
    case "ranked_choice":
      return method.count === "borda" ? { person: "Borda points by person", seat: "Borda points by seat" } : { person: "First preferences by person", seat: "First preferences by seat" };
    case "dot_vote":
      return { person: "Dots by person", seat: "Dots by seat" };
    case "meeting_time":
      return { person: "People available", seat: "Seats available" };
    default:
      return { person: "People", seat: "Seats" };
  }
}

function keyLabel(method: DecisionMethodKind, line: { key: string; label: string }): string {
  return isStanceMethod(method) ? stanceLabel(method, line.key) : line.label;
}

/** A seat's part in words: its derived stance, or what its delegates chose. */
function seatPart(proposal: ProposalView, outcome: OutcomeView, seat: SeatTallyView): string {
  if (!seat.participated) return "Did not take part";
  if (seat.stance !== null) return seat.stance === "split" ? "Split" : stanceLabel(outcome.method, seat.stance);
  // In the order the options are listed, whatever order the delegates came in.
  const entries = proposal.options.map((o) => [o.label, seat.contribution[o.id] ?? 0] as const).filter(([, n]) => n > 0);
  if (entries.length === 0) return "Took part";
  return entries.map(([label, n]) => `${label} ${formatTally(n)}`).join(" · ");
}

function delegatesWord(seat: SeatTallyView, outcome: OutcomeView): string {
  if (!seat.participated) return "none";
  const counts = Object.entries(seat.delegateCounts).filter(([, n]) => n > 0);
  const stance = isStanceMethod(outcome.method);
  const detail = stance && counts.length > 1 ? ` (${counts.map(([key, n]) => `${n} ${stanceLabel(outcome.method, key).toLowerCase()}`).join(", ")})` : "";
  return `${seat.delegates}${detail}`;
}

/** The result in one sentence ("So far: Ypres leads.", "Passes."). */
export function outcomeSentence(outcome: OutcomeView): string {
  const sentence = outcomePhrase(outcome);
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

function outcomePhrase(outcome: OutcomeView): string {
  const because = outcome.failedBecause.map((f) => failureLabels[f] ?? f.replace(/_/g, " "));
  const winners = outcome.winners.map((w) => w.label).join(" and ");
  const sofar = outcome.final ? "" : "So far: ";
  switch (outcome.result) {
    case "passed":
      return `${sofar}passes.`;
    case "failed":
      return `${sofar}does not pass${because.length ? `: ${because.join("; ")}` : ""}.`;
    case "chosen":
      return `${sofar}${winners} ${outcome.final ? "is chosen" : "leads"}.`;
    case "tied":
      return `${sofar}tied between ${winners}.`;
    case "no_votes":
      return `${sofar}nobody has taken a position.`;
    case "no_quorum":
      return `${sofar}no quorum: ${outcome.quorum.participating} of the ${outcome.quorum.required} seats needed took part.`;
    case "awaiting_decision":
      return "Awaiting the decider's decision.";
  }
}

/** Instant-runoff rounds: the count of each continuing option, and who dropped out. */
function RunoffRounds({ proposal, outcome }: { proposal: ProposalView; outcome: OutcomeView }) {
  if (outcome.details.kind !== "instant_runoff") return null;
  const rounds = outcome.details.rounds;
  const label = (id: string) => proposal.options.find((o) => o.id === id)?.label ?? id;
  return (
    <section aria-labelledby="runoff-title">
      <Title order={3} size="h4" id="runoff-title" mb={4}>
        Instant runoff
      </Title>
      <Text size="xs" c="dimmed" mb="xs">
        Each round counts every seat's vote (shared among its delegates) for its highest-ranked option still in the count; the option with the fewest drops out until one has more than half.
      </Text>
      {rounds.length === 0 ? (
        <Text size="sm">No ballots yet.</Text>
      ) : (
        <Table.ScrollContainer minWidth={320}>
          <Table aria-label="Instant-runoff rounds" withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Round</Table.Th>
                {proposal.options.map((o) => (
                  <Table.Th key={o.id} scope="col">
                    {o.label}
                  </Table.Th>
                ))}
                <Table.Th scope="col">Exhausted</Table.Th>
                <Table.Th scope="col">Drops out</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rounds.map((round, i) => (
                <Table.Tr key={i}>
                  <Table.Th scope="row">Round {i + 1}</Table.Th>
                  {proposal.options.map((o) => (
                    <Table.Td key={o.id}>{round.counts[o.id] === undefined ? "—" : formatTally(round.counts[o.id] ?? 0)}</Table.Td>
                  ))}
                  <Table.Td>{formatTally(round.exhausted)}</Table.Td>
                  <Table.Td>
                    {round.eliminated ? label(round.eliminated) : "—"}
                    {round.tieBreak !== "none" && round.eliminated ? ` (tie broken by ${round.tieBreak === "previous_rounds" ? "earlier rounds" : "option order"})` : ""}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </section>
  );
}

/** Meeting slots: how many people and which seats can make each one. */
function SlotAvailability({ proposal, outcome, timeZone }: { proposal: ProposalView; outcome: OutcomeView; timeZone: string }) {
  if (outcome.details.kind !== "meeting_time") return null;
  const seatName = (id: string) => outcome.seats.find((s) => s.seatId === id)?.name ?? "a seat";
  return (
    <section aria-labelledby="slots-title">
      <Title order={3} size="h4" id="slots-title" mb="xs">
        Slots
      </Title>
      <List size="sm" spacing={4} aria-labelledby="slots-title">
        {outcome.details.slots.map((slot) => {
          const option = proposal.options.find((o) => o.id === slot.optionId);
          return (
            <List.Item key={slot.optionId}>
              {option?.label ?? slot.optionId}
              {slot.startsAt ? `, ${formatDateTime(slot.startsAt, timeZone)}` : ""}: {slot.personsAvailable} {slot.personsAvailable === 1 ? "person" : "people"}, seats {slot.seatsAvailable.length === 0 ? "none" : slot.seatsAvailable.map(seatName).join(", ")}
            </List.Item>
          );
        })}
      </List>
    </section>
  );
}

/** The outcome: result, quorum, tally per person and per seat, seats split and seats that did not take part, and the method's own details. */
export function TallyView({ proposal, outcome, timeZone }: { proposal: ProposalView; outcome: OutcomeView; timeZone: string }) {
  const units = tallyUnits(proposal);
  const method = outcome.method;
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Text fw={600}>{outcomeSentence(outcome)}</Text>
        <Text size="sm">
          Quorum: {outcome.quorum.participating} of {outcome.seats.length} seats took part, {outcome.quorum.required} needed — {outcome.quorum.met ? "met" : "not met"}.
        </Text>
      </Stack>

      <section aria-labelledby="tally-title">
        <Title order={3} size="h4" id="tally-title" mb="xs">
          Tally per person and per seat
        </Title>
        <Table.ScrollContainer minWidth={300}>
          <Table aria-label="Tally per person and per seat" withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{isStanceMethod(method) ? "Stance" : method === "meeting_time" ? "Slot" : "Option"}</Table.Th>
                <Table.Th scope="col">{units.person}</Table.Th>
                <Table.Th scope="col">{units.seat}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {outcome.tally.map((line) => (
                <Table.Tr key={line.key}>
                  <Table.Th scope="row">
                    {keyLabel(method, line)}
                    {outcome.winners.some((w) => w.optionId === line.key) && " "}
                    {outcome.winners.some((w) => w.optionId === line.key) && (
                      <Badge ml={6} size="sm" variant="filled" color="teal.9">
                        {outcome.winners.length > 1 ? "Tied" : outcome.final ? "Chosen" : "Leads"}
                      </Badge>
                    )}
                  </Table.Th>
                  <Table.Td>{formatTally(line.byPerson)}</Table.Td>
                  <Table.Td>{formatTally(line.bySeat)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </section>

      <section aria-labelledby="seats-title">
        <Title order={3} size="h4" id="seats-title" mb="xs">
          Seat by seat
        </Title>
        <Table.ScrollContainer minWidth={300}>
          <Table aria-label="Seat by seat" withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Seat</Table.Th>
                <Table.Th scope="col">Delegates taking part</Table.Th>
                <Table.Th scope="col">{isStanceMethod(method) ? "Seat's position" : "Seat's vote"}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {byName(outcome.seats).map((seat) => (
                <Table.Tr key={seat.seatId}>
                  <Table.Th scope="row" className="wrap-anywhere">
                    {seat.name}
                    {method === "weighted" && (
                      <Text span size="xs" c="dimmed">
                        {" "}
                        (weight {formatTally(seat.weight)})
                      </Text>
                    )}
                  </Table.Th>
                  <Table.Td>{delegatesWord(seat, outcome)}</Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="wrap">
                      <span>{seatPart(proposal, outcome, seat)}</span>
                      {seat.split && seat.participated && (
                        <Badge size="sm" variant="outline" color={warningInk}>
                          Split
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {outcome.seatsSplit.length > 0 && (
          <Text size="sm" mt="xs">
            Split seats (their delegates differ): {byName(outcome.seatsSplit).map((s) => s.name).join(", ")}.
          </Text>
        )}
        <Text size="sm" mt="xs">
          {outcome.seatsNotParticipating.length === 0 ? "Every seat took part." : `Did not take part: ${byName(outcome.seatsNotParticipating).map((s) => s.name).join(", ")}.`}
        </Text>
      </section>

      <RunoffRounds proposal={proposal} outcome={outcome} />
      <SlotAvailability proposal={proposal} outcome={outcome} timeZone={timeZone} />
      {outcome.details.kind === "consensus" && (outcome.details.blocks.length > 0 || outcome.details.reservations.length > 0) && (
        <section aria-labelledby="blocks-title">
          <Title order={3} size="h4" id="blocks-title" mb="xs">
            Blocks and reservations
          </Title>
          <List size="sm" spacing={4}>
            {outcome.details.blocks.map((b) => (
              <List.Item key={b.positionId}>
                <strong>Block</strong> ({outcome.seats.find((s) => s.seatId === b.seatId)?.name ?? "a seat"}): {b.reason}
              </List.Item>
            ))}
            {outcome.details.reservations.map((b) => (
              <List.Item key={b.positionId}>
                Reservation ({outcome.seats.find((s) => s.seatId === b.seatId)?.name ?? "a seat"}): {b.reason || "no reason given"}
              </List.Item>
            ))}
          </List>
        </section>
      )}
    </Stack>
  );
}

/** Every position: its seat, its person (unless anonymous), what it says and its reason. */
export function PositionList({ proposal, timeZone }: { proposal: ProposalView; timeZone: string }) {
  const positions = proposal.positions ?? [];
  if (positions.length === 0) return <Text size="sm">No positions yet.</Text>;
  return (
    <List size="sm" spacing="xs" aria-label="Positions" listStyleType="none" withPadding={false}>
      {positions.map((p) => (
        <List.Item key={p.id}>
          <Text size="sm" className="wrap-anywhere">
            <strong>{p.person ? p.person.displayName : "Someone"}</strong> for {p.seatName}: {describePosition(proposal.method.kind, proposal.options, p.value)}
            {p.reason ? ` — “${p.reason}”` : ""}
          </Text>
          <Text size="xs" c="dimmed" component="time" dateTime={p.takenAt}>
            {formatDateTime(p.takenAt, timeZone)}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}
