import { Alert, Anchor, Badge, Button, Card, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useState, type ReactNode } from "react";
import { Link, useLocation, useParams } from "react-router";
import { useAllianceHome } from "../api/alliances";
import { isApiError } from "../api/client";
import { useMe } from "../api/session";
import { EmptyState, LoadError, Loading } from "../components/page-states";
import { usePageTitle } from "../components/page-title";
import { formatDateTime } from "../labels";
import { useAllianceEvents } from "../live/use-alliance-events";
import { NotFoundPage } from "../pages/not-found-page";
import { AlertCard } from "./alert-card";
import { DynamicsRadar, HistoryChart } from "./charts";
import { ExplainDialog } from "./explain-dialog";
import { healthKeys, historyWeeks, useAllianceHealth, useHealthHistory } from "./health-api";
import { describeTrend, dynamicHelp, dynamicLabels, dynamics, formatDay, formatRecords, formatScore, formatShare, scoreColor, trendArrow } from "./health-labels";
import type { AllianceHealth, Dynamic, ExplainTarget, SeatHealth } from "./types";

/** A table that scrolls inside itself (never the page) on a narrow screen; focusable so keyboards can scroll it. */
function ScrollTable({ label, minWidth, children }: { label: string; minWidth: number; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} style={{ overflowX: "auto", maxWidth: "100%" }}>
      <Table miw={minWidth} verticalSpacing={4} fz="sm" striped captionSide="top">
        {children}
      </Table>
    </div>
  );
}

interface Explaining {
  target: ExplainTarget;
  value?: number | null;
  seatName: string | null;
  signalLabel?: string;
}

/** Says, above the index, that it rests on too few records to mean something yet. */
function NotEnoughActivity({ health }: { health: AllianceHealth }) {
  if (health.activity.enough) return null;
  return (
    <Alert variant="light" color="orange" title="Not enough activity yet">
      The index rests on {formatRecords(health.activity.records)} from the last {health.window.days} days, too few for it to mean much yet. An alliance where little happens scores well because nothing has gone wrong, not
      because the partners work well together. It becomes meaningful as meetings are held, requests answered, proposals decided and pulses answered.
    </Alert>
  );
}

function IndexSummary({ health, timeZone }: { health: AllianceHealth; timeZone: string }) {
  const meaningful = health.activity.enough;
  return (
    <Paper withBorder p="md" radius="md">
      <Group gap="lg" align="center" wrap="wrap">
        <Badge size="xl" h={56} px="lg" variant="filled" color={meaningful ? scoreColor(health.index) : "gray.7"} styles={{ label: { fontSize: 28 } }} aria-hidden>
          {formatScore(health.index)}
        </Badge>
        <Stack gap={2} style={{ flex: 1, minWidth: 200 }}>
          <Text fw={600}>
            Collaboration Capacity Index: {health.index === null ? "not enough evidence yet" : `${formatScore(health.index)} out of 100`}
            {health.index !== null && !meaningful && " (not yet meaningful)"}
          </Text>
          <Text size="sm">
            <span aria-hidden>{trendArrow(health.trend)} </span>
            {describeTrend(health.trend)}
          </Text>
          <Text size="xs" c="dimmed">
            How the partners work together over the last {health.window.days} days, from what they do and what they say in pulses. As of {formatDateTime(health.asOf, timeZone)}.
          </Text>
        </Stack>
      </Group>
    </Paper>
  );
}

function DynamicCard({ health, dynamic, onExplain }: { health: AllianceHealth; dynamic: Dynamic; onExplain: () => void }) {
  const sub = health.dynamics.find((d) => d.dynamic === dynamic);
  const value = sub?.value ?? null;
  return (
    <Card withBorder radius="md" padding="sm" component="li">
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap">
          <Text fw={600}>{dynamicLabels[dynamic]}</Text>
          <Badge variant="filled" color={scoreColor(value)}>
            {formatScore(value)}
          </Badge>
        </Group>
        <Text size="xs">{dynamicHelp[dynamic]}</Text>
        {sub && (
          <Text size="xs" c="dimmed">
            {describeTrend(sub.trend)}
          </Text>
        )}
        <Button variant="light" size="compact-sm" onClick={onExplain} style={{ alignSelf: "flex-start" }}>
          Why is {dynamicLabels[dynamic].toLowerCase()} {formatScore(value)}?
        </Button>
      </Stack>
    </Card>
  );
}

function DynamicsTable({ health }: { health: AllianceHealth }) {
  return (
    <ScrollTable label="The dynamics as a table" minWidth={560}>
      <Table.Caption style={{ textAlign: "left" }}>Each dynamic out of 100, for the alliance and each seat</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Who</Table.Th>
          {dynamics.map((d) => (
            <Table.Th key={d} scope="col">
              {dynamicLabels[d]}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        <Table.Tr>
          <Table.Th scope="row">Alliance</Table.Th>
          {dynamics.map((d) => (
            <Table.Td key={d}>{formatScore(health.dynamics.find((x) => x.dynamic === d)?.value ?? null)}</Table.Td>
          ))}
        </Table.Tr>
        {health.seats.map((seat) => (
          <Table.Tr key={seat.seatId}>
            <Table.Th scope="row" className="wrap-anywhere">
              {seat.seatName}
            </Table.Th>
            {dynamics.map((d) => (
              <Table.Td key={d}>{formatScore(seat.dynamics.find((x) => x.dynamic === d)?.value ?? null)}</Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
}

function Trends({ allianceId }: { allianceId: string }) {
  const history = useHealthHistory(allianceId);
  if (history.isPending) return <Loading label="Loading the trends…" />;
  if (history.isError) return <LoadError error={history.error} onRetry={() => void history.refetch()} title="The trends could not be loaded" />;
  const weeks = history.data.weeks;
  if (weeks.every((w) => w.index === null)) return <EmptyState title="No trend yet">The index appears once the alliance has some activity: meetings, requests, proposals or pulses.</EmptyState>;
  return (
    <Stack gap="sm">
      <HistoryChart history={history.data} />
      <details>
        <summary style={{ cursor: "pointer", fontSize: "var(--mantine-font-size-sm)" }}>Show the weeks as a table</summary>
        <ScrollTable label="Trends as a table" minWidth={720}>
          <Table.Caption style={{ textAlign: "left" }}>The index and the dynamics at the end of each of the last {historyWeeks} weeks</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Week to</Table.Th>
              <Table.Th scope="col">Index</Table.Th>
              {dynamics.map((d) => (
                <Table.Th key={d} scope="col">
                  {dynamicLabels[d]}
                </Table.Th>
              ))}
              <Table.Th scope="col">Open alerts</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {weeks.map((w) => (
              <Table.Tr key={w.weekEnd}>
                <Table.Th scope="row">{formatDay(w.weekEnd)}</Table.Th>
                <Table.Td>{formatScore(w.index)}</Table.Td>
                {dynamics.map((d) => (
                  <Table.Td key={d}>{formatScore(w.dynamics[d] ?? null)}</Table.Td>
                ))}
                <Table.Td>{w.activeAlerts}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      </details>
    </Stack>
  );
}

function PerceptionGap({ health }: { health: AllianceHealth }) {
  const asked = health.perceptionGap.filter((g) => g.pulseId !== null);
  if (asked.length === 0) {
    return <EmptyState title="No pulse has measured it yet">The gap appears once a pulse asks about a dynamic and at least {health.viewer.pulseMinGroupSize} people of two seats or more answer.</EmptyState>;
  }
  return (
    <Stack gap="sm" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
      {asked.map((gap) => (
        <Paper key={gap.dynamic} withBorder p="sm" radius="md" component="li">
          <Stack gap={4}>
            <Group justify="space-between" wrap="nowrap">
              <Text fw={600}>{dynamicLabels[gap.dynamic]}</Text>
              <Text size="sm">{gap.spread === null ? "Only one seat answered in groups large enough" : `Gap ${formatShare(gap.spread)}`}</Text>
            </Group>
            {gap.seats === null ? (
              <Text size="xs" c="dimmed">
                How each seat rated it is for the facilitators.
              </Text>
            ) : (
              gap.seats.map((seat) => (
                <Group key={seat.seatId} gap="xs" wrap="nowrap">
                  <Text size="sm" style={{ flex: 1, minWidth: 0 }} className="wrap-anywhere">
                    {seat.seatName}
                  </Text>
                  <Text size="sm">{formatShare(seat.mean)}</Text>
                  <Text size="xs" c="dimmed">
                    ({seat.respondents} people)
                  </Text>
                </Group>
              ))
            )}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

function SeatCard({ seat, onExplain }: { seat: SeatHealth; onExplain: (dynamic: Dynamic) => void }) {
  return (
    <Card withBorder radius="md" padding="sm" component="li" aria-label={`Health of ${seat.seatName}`}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
          <Text fw={600} className="wrap-anywhere" style={{ minWidth: 0 }}>
            {seat.seatName}
          </Text>
          <Badge variant="filled" color={scoreColor(seat.index)} style={{ flexShrink: 0 }}>
            {formatScore(seat.index)}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed">
          {describeTrend(seat.trend)}
        </Text>
        {!seat.activity.enough && <Text size="xs">Not enough activity yet: {formatRecords(seat.activity.records)} of this seat in the window.</Text>}
        <SimpleGrid cols={3} spacing={4}>
          {dynamics.map((d) => {
            const value = seat.dynamics.find((x) => x.dynamic === d)?.value ?? null;
            return seat.signals !== null ? (
              <Button key={d} variant="default" size="compact-xs" onClick={() => onExplain(d)} aria-label={`Why is ${dynamicLabels[d].toLowerCase()} ${formatScore(value)} for ${seat.seatName}?`}>
                {dynamicLabels[d]} {formatScore(value)}
              </Button>
            ) : (
              <Text key={d} size="xs">
                {dynamicLabels[d]} {formatScore(value)}
              </Text>
            );
          })}
        </SimpleGrid>
      </Stack>
    </Card>
  );
}

/** The alliance's health: index and trend, the dynamics, trends, perception gap, seats and alerts with their evidence. */
export function AllianceHealthPage() {
  const { id = "" } = useParams();
  const me = useMe();
  const home = useAllianceHome(id);
  const health = useAllianceHealth(id);
  const queryClient = useQueryClient();
  const location = useLocation();
  const [explaining, setExplaining] = useState<Explaining | null>(null);
  usePageTitle(home.data ? `Health · ${home.data.name}` : "Health");
  // Every event may move the index: refresh (the server folds in only what is new).
  const refresh = useCallback(() => void queryClient.invalidateQueries({ queryKey: healthKeys.alliance(id) }), [queryClient, id]);
  useAllianceEvents(id, refresh, refresh);

  // A link from the cockpit to one alert (#alert-<id>) scrolls to it once the alerts are there.
  const loaded = Boolean(health.data);
  useEffect(() => {
    if (!loaded || !location.hash.startsWith("#alert-")) return;
    document.getElementById(location.hash.slice(1))?.scrollIntoView();
  }, [loaded, location.hash]);

  if (home.isPending || health.isPending) return <Loading label="Loading the alliance's health…" />;
  if (home.isError || health.isError) {
    const error = home.error ?? health.error;
    if (isApiError(error, "not_found") || isApiError(error, "validation_failed")) return <NotFoundPage what="alliance" />;
    return <LoadError error={error} onRetry={() => void (home.isError ? home.refetch() : health.refetch())} title="The alliance's health could not be loaded" />;
  }
  const data = health.data;
  const explainDynamic = (dynamic: Dynamic, seat: SeatHealth | null = null) =>
    setExplaining({
      target: { dynamic, seatId: seat?.seatId ?? null },
      value: (seat ? seat.dynamics : data.dynamics).find((d) => d.dynamic === dynamic)?.value ?? null,
      seatName: seat?.seatName ?? null,
    });
  const explainable = new Set(data.dynamics.flatMap((d) => d.signals.map((s) => s.id)));
  const active = data.alerts.filter((a) => a.status === "active");
  const resolved = data.alerts.filter((a) => a.status === "resolved");

  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <Group gap="md">
          <Anchor component={Link} to={`/alliances/${id}`} size="sm">
            ← {home.data.name}
          </Anchor>
          {data.viewer.isFacilitator && (
            <Anchor component={Link} to="/cockpit" size="sm">
              Cockpit
            </Anchor>
          )}
        </Group>
        <Title order={1} className="wrap-anywhere">
          Health of {home.data.name}
        </Title>
        <NotEnoughActivity health={data} />
        <IndexSummary health={data} timeZone={me.timeZone} />
      </Stack>

      <section aria-labelledby="health-alerts">
        <Title order={2} size="h3" id="health-alerts" mb="xs">
          Alerts
        </Title>
        <Text size="sm" mb="sm">
          Patterns that tend to make alliances stall, raised when the evidence crosses a bar and resolved when it clears.
        </Text>
        {active.length === 0 && resolved.length === 0 ? (
          <EmptyState title="No alerts">Nothing in the last 180 days crossed an alert's bar.</EmptyState>
        ) : (
          <Stack gap="sm">
            {active.length === 0 && <Text size="sm">No open alerts.</Text>}
            {[...active, ...resolved].map((alert) => (
              <AlertCard
                key={alert.id}
                allianceId={id}
                alert={alert}
                timeZone={me.timeZone}
                explainable={explainable}
                onExplainSignal={(signal) => setExplaining({ target: { signal: signal.id, seatId: alert.seatId }, seatName: alert.seatName, signalLabel: signal.label })}
              />
            ))}
          </Stack>
        )}
      </section>

      <section aria-labelledby="health-dynamics">
        <Title order={2} size="h3" id="health-dynamics" mb="xs">
          The six dynamics
        </Title>
        <Text size="sm" mb="sm">
          Each out of 100. Open one to see the signals behind it and the records they rest on.
        </Text>
        <Stack gap="md">
          <DynamicsRadar health={data} onDynamicClick={(d) => explainDynamic(d)} />
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {dynamics.map((d) => (
              <DynamicCard key={d} health={data} dynamic={d} onExplain={() => explainDynamic(d)} />
            ))}
          </SimpleGrid>
          <DynamicsTable health={data} />
        </Stack>
      </section>

      <section aria-labelledby="health-trends">
        <Title order={2} size="h3" id="health-trends" mb="sm">
          Trends
        </Title>
        <Trends allianceId={id} />
      </section>

      <section aria-labelledby="health-gap">
        <Title order={2} size="h3" id="health-gap" mb="xs">
          Perception gap
        </Title>
        <Text size="sm" mb="sm">
          How differently the seats rate the same dynamic in the latest pulse that asked (only groups of at least {data.viewer.pulseMinGroupSize} people count).
        </Text>
        <PerceptionGap health={data} />
      </section>

      <section aria-labelledby="health-seats">
        <Title order={2} size="h3" id="health-seats" mb="sm">
          Seats
        </Title>
        {data.seats.length === 0 ? (
          <EmptyState title="No seats yet">Seats appear here once organizations take part in the alliance.</EmptyState>
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {data.seats.map((seat) => (
              <SeatCard key={seat.seatId} seat={seat} onExplain={(d) => explainDynamic(d, seat)} />
            ))}
          </SimpleGrid>
        )}
      </section>

      <ExplainDialog
        allianceId={id}
        target={explaining?.target ?? null}
        knownValue={explaining?.value}
        seatName={explaining?.seatName ?? null}
        {...(explaining?.signalLabel ? { signalLabel: explaining.signalLabel } : {})}
        timeZone={me.timeZone}
        onClose={() => setExplaining(null)}
      />
    </Stack>
  );
}
