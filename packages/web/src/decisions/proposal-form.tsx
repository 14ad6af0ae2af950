import { decisionMethodKinds, isStanceMethod, requiredQuorumSeats, seatRules, type DecisionMethodKind, type Fraction, type SeatRule } from "@trellis/core/decisions";
import { ActionIcon, Button, Checkbox, Fieldset, Group, NativeSelect, NumberInput, Radio, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { useState, type FormEvent } from "react";
import type { AllianceHome } from "../api/types";
import { useCreateProposal } from "./decisions-api";
import type { NewProposal, ProposalView } from "./decision-types";
import { methodHelp, methodLabels, seatRuleHelp, seatRuleLabels } from "./decision-labels";
import { DecisionFormError, fieldProblem } from "./field-problem";
import { instantFromLocalInput } from "../components/local-time";

interface OptionDraft {
  key: number;
  label: string;
  startsAt: string;
}

const choiceMinimum: Partial<Record<DecisionMethodKind, number>> = { score: 1, ranked_choice: 2, dot_vote: 2, meeting_time: 1 };

type QuorumKind = "default" | "none" | "seats" | "fraction";

function greatestCommonDivisor(a: number, b: number): number {
  return b === 0 ? a : greatestCommonDivisor(b, a % b);
}

/** A whole percentage of the seats (1..100) as the fraction the API takes, in lowest terms (60 -> 3/5); null when out of range. */
function fractionOfPercent(percent: number | string): Fraction | null {
  const value = typeof percent === "number" ? percent : Number.NaN;
  if (!Number.isInteger(value) || value < 1 || value > 100) return null;
  const divisor = greatestCommonDivisor(value, 100);
  return { numerator: value / divisor, denominator: 100 / divisor };
}

/** People who may decide an advice proposal: everyone in the alliance, the proposer first. */
function deciders(home: AllianceHome, meId: string): { value: string; label: string }[] {
  const people = new Map<string, string>();
  for (const seat of home.seats) for (const person of seat.people) people.set(person.id, `${person.displayName} (${seat.organization.name})`);
  for (const person of home.facilitators) if (!people.has(person.id)) people.set(person.id, `${person.displayName} (facilitator)`);
  const list = [...people.entries()].map(([value, label]) => ({ value, label: value === meId ? `Me: ${label}` : label }));
  return list.sort((a, b) => (a.value === meId ? -1 : b.value === meId ? 1 : a.label.localeCompare(b.label)));
}

/** Puts a proposal to the alliance: its text, method with settings, options or slots, closing time, privacy, quorum and seat rule. */
export function ProposalForm({ home, meId, timeZone, onDone, onCancel }: { home: AllianceHome; meId: string; timeZone: string; onDone: (view: ProposalView) => void; onCancel: () => void }) {
  const create = useCreateProposal(home.id);
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [method, setMethod] = useState<DecisionMethodKind>("consent");
  const [count, setCount] = useState<"instant_runoff" | "borda">("instant_runoff");
  const [scoreMin, setScoreMin] = useState<number | string>(0);
  const [scoreMax, setScoreMax] = useState<number | string>(5);
  const [dots, setDots] = useState<number | string>(3);
  const [maxPerOption, setMaxPerOption] = useState<number | string>("");
  const [deciderId, setDeciderId] = useState(meId);
  const [options, setOptions] = useState<OptionDraft[]>([
    { key: 1, label: "", startsAt: "" },
    { key: 2, label: "", startsAt: "" },
  ]);
  const [nextKey, setNextKey] = useState(3);
  const [closesAt, setClosesAt] = useState("");
  const [hidden, setHidden] = useState(false);
  const [anonymous, setAnonymous] = useState(false);
  const [quorumKind, setQuorumKind] = useState<QuorumKind>("default");
  const [quorumCount, setQuorumCount] = useState<number | string>(Math.max(1, Math.ceil(home.seats.length / 2)));
  const [quorumPercent, setQuorumPercent] = useState<number | string>(50);
  const [percentProblem, setPercentProblem] = useState<string | null>(null);
  const [seatRule, setSeatRule] = useState<SeatRule>("majority");
  const mySeats = home.seats.filter((seat) => home.me.seatIds.includes(seat.id));
  const [seatId, setSeatId] = useState(mySeats[0]?.id ?? "");
  const [localProblem, setLocalProblem] = useState<string | null>(null);

  const stance = isStanceMethod(method);
  const slots = method === "meeting_time";
  const error = create.error;
  const quorumFraction = fractionOfPercent(quorumPercent);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setLocalProblem(null);
    setPercentProblem(null);
    if (quorumKind === "fraction" && !quorumFraction) {
      setPercentProblem("Give a whole percentage from 1 to 100.");
      return;
    }
    const closing = closesAt.trim() === "" ? null : instantFromLocalInput(closesAt, timeZone);
    if (closesAt.trim() !== "" && closing === null) {
      setLocalProblem("Give the closing time as a date and a time.");
      return;
    }
    const chosenOptions = options.filter((o) => o.label.trim() !== "" || o.startsAt !== "");
    const input: NewProposal = {
      title,
      body,
      method:
        method === "score"
          ? { kind: "score", min: Number(scoreMin), max: Number(scoreMax) }
          : method === "ranked_choice"
            ? { kind: "ranked_choice", count }
            : method === "dot_vote"
              ? { kind: "dot_vote", dotsPerPerson: Number(dots), maxPerOption: maxPerOption === "" ? null : Number(maxPerOption) }
              : method === "advice"
                ? { kind: "advice", deciderId }
                : { kind: method },
      closesAt: closing,
      hiddenUntilClose: hidden && method !== "consent",
      anonymous,
      ...(stance ? { seatRule } : {}),
      ...(quorumKind === "none"
        ? { quorum: { kind: "none" } }
        : quorumKind === "seats"
          ? { quorum: { kind: "seats", count: Number(quorumCount) } }
          : quorumKind === "fraction" && quorumFraction
            ? { quorum: { kind: "fraction", fraction: quorumFraction } }
            : {}),
      ...(mySeats.length > 1 ? { seatId } : {}),
      ...(stance ? {} : { options: chosenOptions.map((o) => ({ label: o.label, ...(slots ? { startsAt: instantFromLocalInput(o.startsAt, timeZone) } : {}) })) }),
    };
    create.mutate(input, { onSuccess: onDone });
  };

  const setOption = (key: number, change: Partial<OptionDraft>) => setOptions((old) => old.map((o) => (o.key === key ? { ...o, ...change } : o)));
  const optionsProblem = fieldProblem(error, "options");

  return (
    <form onSubmit={submit} noValidate aria-label="Make a proposal">
      <Stack gap="md">
        <DecisionFormError error={error} fields={["title", "body", "method", "options", "closesAt", "hiddenUntilClose", "quorum", "seatRule", "seatId"]} title="The proposal could not be made" />
        {localProblem && (
          <Text c="red.9" size="sm" role="alert">
            {localProblem}
          </Text>
        )}
        <TextInput label="Title" required maxLength={200} value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={fieldProblem(error, "title")} />
        <Textarea label="Proposal text" description="What you propose, and why." autosize minRows={3} maxLength={10_000} value={body} onChange={(e) => setBody(e.currentTarget.value)} error={fieldProblem(error, "body")} />

        <Radio.Group label="Method" description="How positions are taken and the result is reached." value={method} onChange={(value) => setMethod(value as DecisionMethodKind)} error={fieldProblem(error, "method")}>
          <Stack gap="xs" mt="xs">
            {decisionMethodKinds.map((kind) => (
              <Radio key={kind} value={kind} label={methodLabels[kind]} description={methodHelp[kind]} />
            ))}
          </Stack>
        </Radio.Group>

        {method === "ranked_choice" && (
          <Stack gap={4}>
            <Text size="sm" fw={500} id="count-label">
              Count
            </Text>
            <SegmentedControl
              aria-labelledby="count-label"
              value={count}
              onChange={(value) => setCount(value as "instant_runoff" | "borda")}
              data={[
                { value: "instant_runoff", label: "Instant runoff" },
                { value: "borda", label: "Borda count" },
              ]}
            />
            <Text size="xs" c="dimmed">
              {count === "borda" ? "Borda: an option gets more points the higher it is ranked; most points wins." : "Instant runoff: the option with the fewest first preferences drops out and its ballots move on, until one has more than half."}
            </Text>
          </Stack>
        )}
        {method === "score" && (
          <Group grow align="flex-start">
            <NumberInput label="Lowest score" value={scoreMin} onChange={setScoreMin} min={-100} max={100} allowDecimal={false} error={fieldProblem(error, "method.min")} />
            <NumberInput label="Highest score" value={scoreMax} onChange={setScoreMax} min={-100} max={100} allowDecimal={false} error={fieldProblem(error, "method.max")} />
          </Group>
        )}
        {method === "dot_vote" && (
          <Group grow align="flex-start">
            <NumberInput label="Dots per person" value={dots} onChange={setDots} min={1} max={100} allowDecimal={false} error={fieldProblem(error, "method.dotsPerPerson")} />
            <NumberInput label="Most dots on one option" description="Leave empty for no limit." value={maxPerOption} onChange={setMaxPerOption} min={1} max={100} allowDecimal={false} error={fieldProblem(error, "method.maxPerOption")} />
          </Group>
        )}
        {method === "advice" && (
          <NativeSelect label="Decider" description="Who decides after taking advice." value={deciderId} onChange={(e) => setDeciderId(e.currentTarget.value)} data={deciders(home, meId)} error={fieldProblem(error, "method.deciderId")} />
        )}

        {!stance && (
          <Fieldset legend={slots ? "Slots" : "Options"}>
            <Stack gap="xs">
              <Text size="xs" c="dimmed">
                {slots ? "Each slot needs a start, in your time zone" : "At least"} {slots ? `(${timeZone}).` : `${choiceMinimum[method] ?? 1} option${(choiceMinimum[method] ?? 1) > 1 ? "s" : ""}.`}
              </Text>
              {options.map((option, index) => (
                <Group key={option.key} gap="xs" align="flex-end" wrap={slots ? "wrap" : "nowrap"}>
                  <TextInput style={{ flex: 1, minWidth: slots ? 140 : 0 }} label={slots ? `Slot ${index + 1} name` : `Option ${index + 1}`} value={option.label} maxLength={200} onChange={(e) => setOption(option.key, { label: e.currentTarget.value })} />
                  {slots && (
                    <TextInput style={{ flex: 1, minWidth: 180 }} type="datetime-local" label={`Slot ${index + 1} starts`} value={option.startsAt} onChange={(e) => setOption(option.key, { startsAt: e.currentTarget.value })} />
                  )}
                  <ActionIcon variant="default" size="lg" mb={2} aria-label={`Remove ${slots ? "slot" : "option"} ${index + 1}`} disabled={options.length <= 1} onClick={() => setOptions((old) => old.filter((o) => o.key !== option.key))}>
                    ×
                  </ActionIcon>
                </Group>
              ))}
              {optionsProblem && (
                <Text c="red.9" size="sm">
                  {optionsProblem}
                </Text>
              )}
              <Group>
                <Button
                  variant="default"
                  size="xs"
                  disabled={options.length >= 50}
                  onClick={() => {
                    setOptions((old) => [...old, { key: nextKey, label: "", startsAt: "" }]);
                    setNextKey((k) => k + 1);
                  }}
                >
                  {slots ? "Add a slot" : "Add an option"}
                </Button>
              </Group>
            </Stack>
          </Fieldset>
        )}

        <TextInput
          type="datetime-local"
          label="Closing time"
          description={`In your time zone (${timeZone}). Leave empty to close it by hand.`}
          value={closesAt}
          onChange={(e) => setClosesAt(e.currentTarget.value)}
          error={fieldProblem(error, "closesAt")}
        />
        <Checkbox
          label="Hide results until it closes"
          description={method === "consent" ? "Not with consent: objections stay in the open so the proposer can answer them." : "Nobody, you included, sees the tally before the close; who took part still shows."}
          checked={hidden && method !== "consent"}
          disabled={method === "consent"}
          onChange={(e) => setHidden(e.currentTarget.checked)}
          error={fieldProblem(error, "hiddenUntilClose")}
        />
        <Checkbox label="Anonymous positions" description="Positions show their seat but never who took them, not even in exports." checked={anonymous} onChange={(e) => setAnonymous(e.currentTarget.checked)} />

        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <NativeSelect
            label="Quorum"
            description="Seats that must take part."
            value={quorumKind}
            onChange={(e) => setQuorumKind(e.currentTarget.value as QuorumKind)}
            data={[
              { value: "default", label: "As the charter says" },
              { value: "none", label: "No quorum" },
              { value: "seats", label: "A number of seats" },
              { value: "fraction", label: "A share of the seats" },
            ]}
            error={fieldProblem(error, "quorum")}
          />
          {quorumKind === "seats" && <NumberInput label="Seats needed" value={quorumCount} onChange={setQuorumCount} min={1} max={Math.max(1, home.seats.length)} allowDecimal={false} error={fieldProblem(error, "quorum.count")} />}
          {quorumKind === "fraction" && (
            <NumberInput
              label="Share of the seats (%)"
              description={
                quorumFraction
                  ? `Right now that is ${requiredQuorumSeats({ kind: "fraction", fraction: quorumFraction }, home.seats.length)} of the alliance's ${home.seats.length} seats (rounded up).`
                  : "A whole percentage from 1 to 100."
              }
              value={quorumPercent}
              onChange={(value) => {
                setQuorumPercent(value);
                setPercentProblem(null);
              }}
              min={1}
              max={100}
              allowDecimal={false}
              error={percentProblem ?? fieldProblem(error, "quorum.fraction")}
            />
          )}
        </SimpleGrid>
        {stance && (
          <NativeSelect
            label="A seat's position"
            description={seatRuleHelp[seatRule]}
            value={seatRule}
            onChange={(e) => setSeatRule(e.currentTarget.value as SeatRule)}
            data={seatRules.map((rule) => ({ value: rule, label: seatRuleLabels[rule] }))}
            error={fieldProblem(error, "seatRule")}
          />
        )}
        {mySeats.length > 1 && (
          <NativeSelect label="Proposing for" value={seatId} onChange={(e) => setSeatId(e.currentTarget.value)} data={mySeats.map((seat) => ({ value: seat.id, label: seat.organization.name }))} error={fieldProblem(error, "seatId")} />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Make proposal
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
