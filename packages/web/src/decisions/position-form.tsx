import { isReasonRequired, type DecisionMethod, type Stance } from "@trellis/core/decisions";
import { ActionIcon, Button, Checkbox, Group, List, NativeSelect, NumberInput, Radio, Stack, Text, Textarea } from "@mantine/core";
import { useState, type FormEvent } from "react";
import type { AllianceHome } from "../api/types";
import { stanceHelp, stanceLabel } from "./decision-labels";
import type { PositionValueView, ProposalView } from "./decision-types";
import { useTakePosition } from "./decisions-api";
import { optionLabel } from "./describe-position";
import { DecisionFormError, fieldProblem } from "./field-problem";

type Numbers = Record<string, number | string>;

const reasonHelp: Partial<Record<DecisionMethod["kind"], string>> = {
  consent: "Say how it would harm; the proposer must address or integrate it.",
  consensus: "Say why you cannot live with it.",
  advice: "The decider reads it and records whether they took it.",
};

function initialNumbers(value: Record<string, number> | undefined): Numbers {
  return value ? { ...value } : {};
}

function cleanNumbers(numbers: Numbers, keepZero: boolean): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [id, n] of Object.entries(numbers)) {
    if (n === "" || Number.isNaN(Number(n))) continue;
    if (!keepZero && Number(n) === 0) continue;
    out[id] = Number(n);
  }
  return out;
}

/** The ranking control: rank options in order, move them, leave some out. */
function RankingInput({ proposal, timeZone, ranking, onChange }: { proposal: ProposalView; timeZone: string; ranking: string[]; onChange: (next: string[]) => void }) {
  const byId = new Map(proposal.options.map((o) => [o.id, o]));
  const unranked = proposal.options.filter((o) => !ranking.includes(o.id));
  const move = (index: number, by: number) => {
    const next = [...ranking];
    const [item] = next.splice(index, 1);
    if (item === undefined) return;
    next.splice(index + by, 0, item);
    onChange(next);
  };
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500} id="ranking-label">
        Your ranking, first choice first
      </Text>
      {ranking.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing ranked yet: rank the options below in the order you prefer them.
        </Text>
      ) : (
        <List type="ordered" spacing={4} aria-labelledby="ranking-label">
          {ranking.map((id, index) => {
            const option = byId.get(id);
            const name = option?.label ?? id;
            return (
              <List.Item key={id}>
                <Group gap={6} wrap="nowrap">
                  <Text size="sm" className="wrap-anywhere" style={{ flex: 1 }}>
                    {option ? optionLabel(option, timeZone) : id}
                  </Text>
                  <ActionIcon variant="default" aria-label={`Move ${name} up`} disabled={index === 0} onClick={() => move(index, -1)}>
                    ↑
                  </ActionIcon>
                  <ActionIcon variant="default" aria-label={`Move ${name} down`} disabled={index === ranking.length - 1} onClick={() => move(index, 1)}>
                    ↓
                  </ActionIcon>
                  <ActionIcon variant="default" aria-label={`Leave ${name} out`} onClick={() => onChange(ranking.filter((r) => r !== id))}>
                    ×
                  </ActionIcon>
                </Group>
              </List.Item>
            );
          })}
        </List>
      )}
      {unranked.length > 0 && (
        <Group gap="xs">
          {unranked.map((option) => (
            <Button key={option.id} size="xs" variant="default" onClick={() => onChange([...ranking, option.id])}>
              Rank {option.label}
            </Button>
          ))}
        </Group>
      )}
    </Stack>
  );
}

/** Takes or changes my position, in the form the proposal's method asks for. */
export function PositionForm({ proposal, home, timeZone }: { proposal: ProposalView; home: AllianceHome; timeZone: string }) {
  const take = useTakePosition(home.id, proposal.id);
  const method = proposal.method as DecisionMethod;
  const mine = proposal.myPosition?.value;
  const [stance, setStance] = useState<string>(mine?.kind === "stance" ? mine.stance : "");
  const [reason, setReason] = useState(proposal.myPosition?.reason ?? "");
  const [scores, setScores] = useState<Numbers>(initialNumbers(mine?.kind === "scores" ? mine.scores : undefined));
  const [dots, setDots] = useState<Numbers>(initialNumbers(mine?.kind === "dots" ? mine.dots : undefined));
  const [ranking, setRanking] = useState<string[]>(mine?.kind === "ranking" ? mine.ranking : []);
  const [slots, setSlots] = useState<string[]>(mine?.kind === "availability" ? mine.slotIds : []);
  const mySeats = home.seats.filter((seat) => home.me.seatIds.includes(seat.id));
  const [seatId, setSeatId] = useState(proposal.myPosition?.seatId ?? mySeats[0]?.id ?? "");
  const [saved, setSaved] = useState(false);

  const value = (): PositionValueView | null => {
    switch (method.kind) {
      case "score":
        return { kind: "scores", scores: cleanNumbers(scores, true) };
      case "ranked_choice":
        return { kind: "ranking", ranking };
      case "dot_vote":
        return { kind: "dots", dots: cleanNumbers(dots, false) };
      case "meeting_time":
        return { kind: "availability", slotIds: proposal.options.filter((o) => slots.includes(o.id)).map((o) => o.id) };
      default:
        return stance ? { kind: "stance", stance: stance as Stance } : null;
    }
  };
  const current = value();
  const reasonRequired = current !== null && isReasonRequired(method, current);
  const dotsPlaced = Object.values(cleanNumbers(dots, false)).reduce((a, b) => a + b, 0);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    if (!current) return;
    take.mutate({ value: current, reason: reason.trim() === "" ? null : reason, ...(mySeats.length > 1 ? { seatId } : {}) }, { onSuccess: () => setSaved(true) });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Your position">
      <Stack gap="sm">
        <DecisionFormError error={take.error} fields={["value", "reason", "seatId"]} title="Your position could not be saved" />
        {mySeats.length > 1 && (
          <NativeSelect label="For the seat of" value={seatId} onChange={(e) => setSeatId(e.currentTarget.value)} data={mySeats.map((s) => ({ value: s.id, label: s.organization.name }))} />
        )}
        {proposal.allowedStances.length > 0 && (
          <Radio.Group label="Your stance" value={stance} onChange={setStance} error={fieldProblem(take.error, "value")}>
            <Stack gap="xs" mt="xs">
              {proposal.allowedStances.map((s) => (
                <Radio key={s} value={s} label={stanceLabel(method.kind, s)} description={stanceHelp(method.kind, s) ?? undefined} />
              ))}
            </Stack>
          </Radio.Group>
        )}
        {method.kind === "score" && (
          <Stack gap="xs">
            <Text size="sm">
              Score each option from {method.min} to {method.max}; leave an option empty to not score it.
            </Text>
            {proposal.options.map((option) => (
              <NumberInput
                key={option.id}
                label={`Score for ${option.label}`}
                min={method.min}
                max={method.max}
                allowDecimal={false}
                value={scores[option.id] ?? ""}
                onChange={(n) => setScores((old) => ({ ...old, [option.id]: n }))}
              />
            ))}
            {fieldProblem(take.error, "value") && (
              <Text c="red.9" size="sm">
                {fieldProblem(take.error, "value")}
              </Text>
            )}
          </Stack>
        )}
        {method.kind === "dot_vote" && (
          <Stack gap="xs">
            <Text size="sm" aria-live="polite">
              {dotsPlaced} of {method.dotsPerPerson} dots placed{method.maxPerOption !== null ? `; at most ${method.maxPerOption} on one option` : ""}.
            </Text>
            {proposal.options.map((option) => (
              <NumberInput
                key={option.id}
                label={`Dots on ${option.label}`}
                min={0}
                max={method.maxPerOption ?? method.dotsPerPerson}
                allowDecimal={false}
                value={dots[option.id] ?? ""}
                onChange={(n) => setDots((old) => ({ ...old, [option.id]: n }))}
              />
            ))}
            {fieldProblem(take.error, "value") && (
              <Text c="red.9" size="sm">
                {fieldProblem(take.error, "value")}
              </Text>
            )}
          </Stack>
        )}
        {method.kind === "ranked_choice" && (
          <>
            <RankingInput proposal={proposal} timeZone={timeZone} ranking={ranking} onChange={setRanking} />
            {fieldProblem(take.error, "value") && (
              <Text c="red.9" size="sm">
                {fieldProblem(take.error, "value")}
              </Text>
            )}
          </>
        )}
        {method.kind === "meeting_time" && (
          <Checkbox.Group label="Slots you can make" description={`Times in your time zone (${timeZone}). Leave all unticked if none works.`} value={slots} onChange={setSlots} error={fieldProblem(take.error, "value")}>
            <Stack gap="xs" mt="xs">
              {proposal.options.map((option) => (
                <Checkbox key={option.id} value={option.id} label={optionLabel(option, timeZone)} />
              ))}
            </Stack>
          </Checkbox.Group>
        )}
        <Textarea
          label={method.kind === "advice" ? "Your advice" : reasonRequired ? "Reason" : "Reason (optional)"}
          description={reasonRequired ? reasonHelp[method.kind] : undefined}
          required={reasonRequired}
          autosize
          minRows={2}
          maxLength={2000}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={fieldProblem(take.error, "reason")}
        />
        <Group justify="flex-end" gap="sm">
          {saved && !take.isPending && (
            <Text size="sm" c="teal.9" role="status">
              Position saved.
            </Text>
          )}
          <Button type="submit" loading={take.isPending} disabled={current === null}>
            {proposal.myPosition ? "Change my position" : "Take my position"}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
