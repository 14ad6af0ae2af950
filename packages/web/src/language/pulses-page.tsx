import { Anchor, Badge, Button, Checkbox, Group, List, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { buildPulse } from "@trellis/core/pulses/build-pulse";
import { findPulseItem, pulseBank, pulseDynamics } from "@trellis/core/pulses/pulse-bank";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { isApiError } from "../api/client";
import { useMe } from "../api/session";
import type { AllianceHome } from "../api/types";
import { fieldError, FormError } from "../components/form-errors";
import { EmptyState, LoadError, Loading } from "../components/page-states";
import { formatDateTime, labelOf } from "../labels";
import { useLanguageLive, usePerceptionGap, usePulseCadence, usePulses, usePulseSettings, usePulseTrend, useSchedulePulse, useSetPulseCadence, useSetPulseSettings } from "./api";
import { PageHead, WithAlliance } from "./language-shell";
import { dynamicLabels, formatScore, pulseStatusLabels, statusColors } from "./language-labels";
import { AnswerText } from "./pulse-results";
import type { Pulse, PulseCadence, PulseSettings } from "./types";
import { instantFromLocalInput, localInputOf } from "../components/local-time";

const dayMs = 86_400_000;

export function PulseStatusBadge({ status }: { status: string }) {
  return (
    <Badge variant="filled" color={statusColors[status] ?? "gray.7"} style={{ flexShrink: 0 }}>
      {labelOf(pulseStatusLabels, status)}
    </Badge>
  );
}

/** "3 of 6 answered": presence, never answers. */
export function responseText(pulse: Pulse): string {
  return `${pulse.responseRate.respondents} of ${pulse.responseRate.invited} answered`;
}

function PulseItemRow({ home, pulse }: { home: AllianceHome; pulse: Pulse }) {
  const me = useMe();
  return (
    <Paper withBorder p="md" radius="md" component="li" aria-label={pulse.title}>
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Anchor component={Link} to={`/alliances/${home.id}/pulses/${pulse.id}`} fw={600}>
            {pulse.title}
          </Anchor>
          <PulseStatusBadge status={pulse.status} />
        </Group>
        <Text size="sm">
          Open {formatDateTime(pulse.opensAt, me.timeZone)} – {formatDateTime(pulse.closedAt ?? pulse.closesAt, me.timeZone)} · {pulse.items.length} items · {responseText(pulse)}
          {pulse.byCadence ? " · on the cadence" : ""}
        </Text>
        <Group gap="xs">
          {pulse.me.canAnswer && (
            <Button component={Link} to={`/alliances/${home.id}/pulses/${pulse.id}`} size="xs">
              Answer {pulse.title}
            </Button>
          )}
          {pulse.me.hasResponded && (
            <Text size="xs" c="dimmed">
              You have answered.
            </Text>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

function SchedulePulseForm({ allianceId, nextSequence }: { allianceId: string; nextSequence: number }) {
  const me = useMe();
  const [opensAt, setOpensAt] = useState(() => localInputOf(new Date().toISOString(), me.timeZone));
  const [closesAt, setClosesAt] = useState(() => localInputOf(new Date(Date.now() + 7 * dayMs).toISOString(), me.timeZone));
  const schedule = useSchedulePulse(allianceId);
  const blueprint = buildPulse({ sequence: nextSequence });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    schedule.mutate({ opensAt: instantFromLocalInput(opensAt, me.timeZone) ?? opensAt, closesAt: instantFromLocalInput(closesAt, me.timeZone) ?? closesAt });
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Schedule a pulse">
      <Stack gap="sm">
        <FormError error={schedule.error} fields={["opensAt", "closesAt"]} title="Could not schedule the pulse" />
        {schedule.isSuccess && (
          <Text size="sm" role="status">
            {schedule.data.title} is scheduled.
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <TextInput label="Opens" type="datetime-local" description={`In your time zone (${me.timeZone})`} value={opensAt} onChange={(e) => setOpensAt(e.currentTarget.value)} error={fieldError(schedule.error, "opensAt")} />
          <TextInput label="Closes" type="datetime-local" description="At most 28 days after it opens" value={closesAt} onChange={(e) => setClosesAt(e.currentTarget.value)} error={fieldError(schedule.error, "closesAt")} />
        </SimpleGrid>
        <div>
          <Text size="sm" fw={600}>
            Pulse {nextSequence + 1} will ask these {blueprint.itemIds.length} items from the bank (at most 8; blocks rotate from pulse to pulse):
          </Text>
          <List size="sm" spacing={2}>
            {blueprint.itemIds.map((id) => {
              const item = findPulseItem(id);
              return (
                <List.Item key={id}>
                  {item.text}
                  <Text span size="xs" c="dimmed">
                    {" "}
                    ({dynamicLabels[item.dynamic] ?? item.dynamic}
                    {item.directional ? ", asked about each other seat" : ""})
                  </Text>
                </List.Item>
              );
            })}
          </List>
        </div>
        <Group justify="flex-end">
          <Button type="submit" loading={schedule.isPending}>
            Schedule pulse
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CadenceForm({ allianceId, cadence, onReload }: { allianceId: string; cadence: PulseCadence | null; onReload: () => void }) {
  const me = useMe();
  const [firstOpensAt, setFirstOpensAt] = useState(() => localInputOf(cadence?.firstOpensAt ?? new Date(Date.now() + dayMs).toISOString(), me.timeZone));
  const [everyWeeks, setEveryWeeks] = useState<number | string>(cadence?.everyWeeks ?? 6);
  const [openDays, setOpenDays] = useState<number | string>(cadence?.openDays ?? 7);
  const [active, setActive] = useState(cadence?.active ?? true);
  const save = useSetPulseCadence(allianceId);
  const stale = isApiError(save.error, "stale_version");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ version: cadence?.version ?? 0, firstOpensAt: instantFromLocalInput(firstOpensAt, me.timeZone) ?? firstOpensAt, everyWeeks: Number(everyWeeks), openDays: Number(openDays), active });
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Pulse cadence">
      <Stack gap="sm">
        <FormError error={save.error} fields={["firstOpensAt", "everyWeeks", "openDays", "active"]} title={stale ? "Someone else changed the cadence" : "Could not save the cadence"} />
        {stale && (
          <Group>
            <Button
              size="xs"
              variant="default"
              onClick={() => {
                save.reset();
                onReload();
              }}
            >
              Load their version
            </Button>
          </Group>
        )}
        {save.isSuccess && (
          <Text size="sm" role="status">
            Cadence saved.
          </Text>
        )}
        <TextInput label="First opens" type="datetime-local" value={firstOpensAt} onChange={(e) => setFirstOpensAt(e.currentTarget.value)} error={fieldError(save.error, "firstOpensAt")} />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <NumberInput label="Every (weeks)" min={1} max={52} value={everyWeeks} onChange={setEveryWeeks} error={fieldError(save.error, "everyWeeks")} />
          <NumberInput label="Open for (days)" min={1} max={28} value={openDays} onChange={setOpenDays} error={fieldError(save.error, "openDays")} />
        </SimpleGrid>
        <Checkbox label="Active: open pulses on this rhythm" checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
        <Group justify="flex-end">
          <Button type="submit" variant="default" loading={save.isPending}>
            Save cadence
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ThresholdForm({ allianceId, settings, onReload }: { allianceId: string; settings: PulseSettings; onReload: () => void }) {
  const [k, setK] = useState<number | string>(settings.minGroupSize);
  const save = useSetPulseSettings(allianceId);
  const stale = isApiError(save.error, "stale_version");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ version: settings.version, minGroupSize: Number(k) });
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Anonymity threshold">
      <Stack gap="sm">
        <FormError error={save.error} fields={["minGroupSize"]} title={stale ? "Someone else changed the threshold" : "Could not save the threshold"} />
        {stale && (
          <Group>
            <Button
              size="xs"
              variant="default"
              onClick={() => {
                save.reset();
                onReload();
              }}
            >
              Load their version
            </Button>
          </Group>
        )}
        <Group align="flex-end" gap="sm">
          <NumberInput
            label="Fewest respondents behind any result (k)"
            description={`Default ${settings.default}; never below ${settings.lowest}.`}
            min={settings.lowest}
            max={1000}
            value={k}
            onChange={setK}
            error={fieldError(save.error, "minGroupSize")}
          />
          <Button type="submit" variant="default" loading={save.isPending}>
            Save threshold
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function FacilitatorTools({ allianceId, nextSequence }: { allianceId: string; nextSequence: number }) {
  const cadence = usePulseCadence(allianceId);
  const settings = usePulseSettings(allianceId);
  return (
    <section aria-labelledby="schedule-title">
      <Title order={2} size="h3" id="schedule-title" mb="sm">
        Schedule pulses
      </Title>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Paper withBorder p="md" radius="md">
          <Title order={3} size="h5" mb="xs">
            One pulse now
          </Title>
          <SchedulePulseForm allianceId={allianceId} nextSequence={nextSequence} />
        </Paper>
        <Stack gap="md">
          <Paper withBorder p="md" radius="md">
            <Title order={3} size="h5" mb="xs">
              Cadence
            </Title>
            {cadence.isPending ? (
              <Loading label="Loading the cadence…" />
            ) : cadence.isError ? (
              <LoadError error={cadence.error} onRetry={() => void cadence.refetch()} />
            ) : (
              <CadenceForm key={cadence.data.cadence?.version ?? 0} allianceId={allianceId} cadence={cadence.data.cadence} onReload={() => void cadence.refetch()} />
            )}
          </Paper>
          <Paper withBorder p="md" radius="md">
            <Title order={3} size="h5" mb="xs">
              Anonymity threshold
            </Title>
            {settings.isPending ? (
              <Loading label="Loading the threshold…" />
            ) : settings.isError ? (
              <LoadError error={settings.error} onRetry={() => void settings.refetch()} />
            ) : (
              <ThresholdForm key={settings.data.version} allianceId={allianceId} settings={settings.data} onReload={() => void settings.refetch()} />
            )}
          </Paper>
        </Stack>
      </SimpleGrid>
    </section>
  );
}

function Trends({ allianceId }: { allianceId: string }) {
  const [choice, setChoice] = useState("item:presence.meeting-effectiveness");
  const [kind, key = ""] = choice.split(":");
  const trend = usePulseTrend(allianceId, kind === "item" ? { itemId: key } : { dynamic: key });
  const me = useMe();
  return (
    <section aria-labelledby="trend-title">
      <Title order={2} size="h3" id="trend-title" mb="sm">
        Trends over pulses
      </Title>
      <Stack gap="sm">
        <NativeSelect
          label="Follow"
          value={choice}
          onChange={(e) => setChoice(e.currentTarget.value)}
          data={[
            { group: "Dynamics", items: pulseDynamics.map((d) => ({ value: `dynamic:${d}`, label: dynamicLabels[d] ?? d })) },
            { group: "Items", items: pulseBank.map((item) => ({ value: `item:${item.id}`, label: item.text })) },
          ]}
          maw={560}
        />
        {trend.isPending ? (
          <Loading label="Loading the trend…" />
        ) : trend.isError ? (
          <LoadError error={trend.error} onRetry={() => void trend.refetch()} />
        ) : trend.data.points.length === 0 ? (
          <EmptyState title="No closed pulses yet">Trends appear once pulses have closed.</EmptyState>
        ) : (
          <>
            <Table.ScrollContainer minWidth={320}>
              <Table withTableBorder striped aria-label="Trend, oldest pulse first">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Pulse</Table.Th>
                    <Table.Th>Closed</Table.Th>
                    <Table.Th>Result</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {trend.data.points.map((point) => (
                    <Table.Tr key={point.pulseId}>
                      <Table.Td>{point.title}</Table.Td>
                      <Table.Td>{point.closedAt ? formatDateTime(point.closedAt, me.timeZone) : "—"}</Table.Td>
                      <Table.Td>{!point.asked || !point.answer ? <Text size="sm" c="dimmed">Not asked</Text> : <AnswerText answer={point.answer} />}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {trend.data.change !== null && (
              <Text size="sm">
                Change since the first shown pulse: {trend.data.change >= 0 ? "+" : ""}
                {formatScore(trend.data.change)} points of 100.
              </Text>
            )}
          </>
        )}
      </Stack>
    </section>
  );
}

function itemOrDynamicLabel(level: "item" | "dynamic", key: string): string {
  if (level === "dynamic") return dynamicLabels[key] ?? key;
  try {
    return findPulseItem(key).text;
  } catch {
    return key;
  }
}

function PerceptionGapView({ allianceId }: { allianceId: string }) {
  const gap = usePerceptionGap(allianceId);
  const rows = gap.data ? [...gap.data.byDynamic, ...gap.data.byItem].filter((row) => row.seats.length >= 2) : [];
  return (
    <section aria-labelledby="gap-title">
      <Title order={2} size="h3" id="gap-title" mb="xs">
        Perception gap
      </Title>
      <Text size="sm" c="dimmed" mb="sm" maw={760}>
        How far seats' ratings of the same aspect differ in the latest closed pulse. Only seats with at least k respondents of their own are compared; a wide gap is worth a conversation.
      </Text>
      {gap.isPending ? (
        <Loading label="Loading the perception gap…" />
      ) : gap.isError ? (
        <LoadError error={gap.error} onRetry={() => void gap.refetch()} />
      ) : rows.length === 0 && gap.data.directional.length === 0 ? (
        <EmptyState title="No gap to show">No two seats have enough respondents each to compare without revealing anyone's answers.</EmptyState>
      ) : (
        <Stack gap="md">
          {rows.length > 0 && (
            <Table.ScrollContainer minWidth={360}>
              <Table withTableBorder striped aria-label="Perception gap by aspect">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Aspect</Table.Th>
                    <Table.Th>Seats' scores (of 100)</Table.Th>
                    <Table.Th>Spread</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((row) => (
                    <Table.Tr key={`${row.level}:${row.key}`}>
                      <Table.Td className="wrap-anywhere">{itemOrDynamicLabel(row.level, row.key)}</Table.Td>
                      <Table.Td>{row.seats.map((s) => `${s.seat.name} ${formatScore(s.score)}`).join(" · ")}</Table.Td>
                      <Table.Td>{row.spread === null ? "—" : formatScore(row.spread)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {gap.data.directional.length > 0 && (
            <Table.ScrollContainer minWidth={360}>
              <Table withTableBorder striped aria-label="Directional trust: each seat's view of the other">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Seats</Table.Th>
                    <Table.Th>A toward B</Table.Th>
                    <Table.Th>B toward A</Table.Th>
                    <Table.Th>Gap</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {gap.data.directional.map((d) => (
                    <Table.Tr key={`${d.itemId ?? d.dynamic}:${d.seatA.id}:${d.seatB.id}`}>
                      <Table.Td className="wrap-anywhere">
                        {d.seatA.name} and {d.seatB.name} ({d.itemId ? itemOrDynamicLabel("item", d.itemId) : (dynamicLabels[d.dynamic] ?? d.dynamic)})
                      </Table.Td>
                      <Table.Td>{formatScore(d.aTowardB)}</Table.Td>
                      <Table.Td>{formatScore(d.bTowardA)}</Table.Td>
                      <Table.Td>{formatScore(d.gap)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      )}
    </section>
  );
}

function Pulses({ home }: { home: AllianceHome }) {
  const live = useLanguageLive(home.id);
  const pulses = usePulses(home.id);
  const settings = usePulseSettings(home.id);
  const k = settings.data?.minGroupSize;
  return (
    <Stack gap="xl">
      <PageHead
        home={home}
        title="Pulses"
        live={live}
        help={`A pulse is a short survey — at most 8 items from the item bank — repeated on a rhythm, so presence and trust become visible over time. Trust items are asked about each other seat. No partner ever sees anyone's answers: a result appears only when at least ${k ?? "k"} people stand behind it.`}
      />
      <section aria-labelledby="pulses-title">
        <Title order={2} size="h3" id="pulses-title" mb="sm">
          The alliance's pulses
        </Title>
        {pulses.isPending ? (
          <Loading label="Loading the pulses…" />
        ) : pulses.isError ? (
          <LoadError error={pulses.error} onRetry={() => void pulses.refetch()} />
        ) : pulses.data.items.length === 0 ? (
          <EmptyState title="No pulses yet">{pulses.data.canSchedule ? "Schedule the first pulse below, or set a cadence." : "A facilitator schedules pulses; you will be asked here when one opens."}</EmptyState>
        ) : (
          <Stack gap="sm" component="ul" aria-label="Pulses, newest first" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {pulses.data.items.map((pulse) => (
              <PulseItemRow key={pulse.id} home={home} pulse={pulse} />
            ))}
          </Stack>
        )}
      </section>
      {pulses.data?.canSchedule && <FacilitatorTools allianceId={home.id} nextSequence={pulses.data.items.reduce((max, p) => Math.max(max, p.sequence + 1), 0)} />}
      <Trends allianceId={home.id} />
      <PerceptionGapView allianceId={home.id} />
    </Stack>
  );
}

/** The alliance's pulses: the list, the facilitator's scheduling, trends and the perception gap. */
export function PulsesPage() {
  return <WithAlliance title="Pulses">{(home) => <Pulses home={home} />}</WithAlliance>;
}
