import { Anchor, Badge, Button, Card, Group, List, NativeSelect, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { Link } from "react-router";
import { useMe } from "../api/session";
import { EmptyState, LoadError, Loading } from "../components/page-states";
import { usePageTitle } from "../components/page-title";
import { formatDate, formatDateTime, labelOf, stageLabels } from "../labels";
import { usePortfolio } from "./health-api";
import { defaultOrder, describeTrend, formatDay, formatRecords, formatScore, pathologyCodes, pathologyLabels, scoreColor, sortLabels, trendArrow } from "./health-labels";
import { Sparkline } from "./sparkline";
import type { Pathology, PortfolioFilters, PortfolioItem, PortfolioSort } from "./types";

const stages = ["forming", "active", "renewing", "closing", "closed"] as const;

function Count({ label, value, help }: { label: string; value: number; help: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" title={help}>
        {label}
      </Text>
      <Text fw={600}>{value}</Text>
    </div>
  );
}

/** When the snapshot was computed, and whether newer activity is not in it yet. */
function Freshness({ item, timeZone }: { item: PortfolioItem; timeZone: string }) {
  if (item.computedAt === null) return <Text size="xs">Not computed yet: open its health page to compute it now.</Text>;
  return (
    <Text size="xs" c={item.stale ? undefined : "dimmed"}>
      Computed {formatDateTime(item.computedAt, timeZone)}
      {item.stale && " · newer activity is not included yet (it is within 10 minutes, or at once on its health page)"}
    </Text>
  );
}

/**
 * The index as a badge, or "Not enough activity yet" when it rests on too few records to mean
 * something (a quiet alliance reads high: nothing has gone wrong because nothing has happened).
 */
function IndexBadge({ item }: { item: PortfolioItem }) {
  if (item.activity && !item.activity.enough) {
    const records = formatRecords(item.activity.records);
    return (
      <Text size="sm" fw={600} ta="right" style={{ flexShrink: 0, maxWidth: "45%" }} title={`The index (${formatScore(item.index)}) rests on ${records} in the last 90 days: not yet meaningful`}>
        Not enough activity yet
        <Text span display="block" size="xs" fw={400} c="dimmed">
          {records} in 90 days
        </Text>
      </Text>
    );
  }
  return (
    <Badge size="xl" variant="filled" color={scoreColor(item.index)} style={{ flexShrink: 0 }} aria-label={`Index ${formatScore(item.index)} out of 100`}>
      {formatScore(item.index)}
    </Badge>
  );
}

function PortfolioCard({ item, timeZone }: { item: PortfolioItem; timeZone: string }) {
  const healthPath = `/alliances/${item.allianceId}/health`;
  return (
    <Card withBorder radius="md" padding="md" component="li" aria-labelledby={`portfolio-${item.allianceId}`}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Anchor component={Link} to={healthPath} fw={600} size="lg" className="wrap-anywhere" id={`portfolio-${item.allianceId}`}>
              {item.name}
            </Anchor>
            <Group gap="xs">
              <Text size="xs" c="dimmed">
                {labelOf(stageLabels, item.stage)}
              </Text>
              <Anchor component={Link} to={`/alliances/${item.allianceId}`} size="xs">
                Alliance home
              </Anchor>
            </Group>
          </Stack>
          <IndexBadge item={item} />
        </Group>
        <Group gap="sm" wrap="nowrap">
          <Sparkline series={item.series} label={`Weekly index of ${item.name}`} />
          <Text size="sm">
            <span aria-hidden>{trendArrow(item.trend)} </span>
            {describeTrend(item.trend)}
          </Text>
        </Group>
        {item.openAlerts.length === 0 ? (
          <Text size="sm">No open alerts.</Text>
        ) : (
          <div>
            <Text size="sm" fw={600}>
              {item.openAlerts.length === 1 ? "1 open alert" : `${item.openAlerts.length} open alerts`}
            </Text>
            <List size="sm" spacing={2} aria-label={`Open alerts of ${item.name}`}>
              {item.openAlerts.map((alert) => (
                <List.Item key={alert.id}>
                  <Anchor component={Link} to={`${healthPath}#alert-${alert.id}`} size="sm">
                    {alert.title}
                    {alert.seatName ? ` (${alert.seatName})` : ""}
                  </Anchor>{" "}
                  <Text span size="xs" c="dimmed">
                    since {formatDate(alert.onset, timeZone)}
                  </Text>
                </List.Item>
              ))}
            </List>
          </div>
        )}
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
          <Count label="Stalled loops" value={item.stalledLoops} help="Open commitments past due or waiting on an answer for more than 7 days" />
          <Count label="Unresolved objections" value={item.unresolvedObjections} help="Consent objections not yet answered, on open proposals" />
          <Count label="Open tensions" value={item.openTensions} help="Tensions raised and not yet resolved or reframed" />
          <div>
            <Text size="xs" c="dimmed">
              Renewal
            </Text>
            <Text fw={600} c={item.renewal.overdue ? "red.9" : undefined}>
              {item.renewal.dueOn ? `${item.renewal.overdue ? "Overdue since" : "Due"} ${formatDay(item.renewal.dueOn)}` : "None set"}
            </Text>
          </div>
        </SimpleGrid>
        <Text size="sm">
          <Text span fw={600}>
            Silent seats:{" "}
          </Text>
          {item.silentSeats.length === 0 ? "none" : item.silentSeats.map((s) => s.seatName).join(", ")}
        </Text>
        <Freshness item={item} timeZone={timeZone} />
      </Stack>
    </Card>
  );
}

/** The facilitator's cockpit: every alliance they facilitate with its health, sortable and filterable. */
export function CockpitPage() {
  usePageTitle("Cockpit");
  const me = useMe();
  const [q, setQ] = useState("");
  const [debounced] = useDebouncedValue(q.trim(), 250);
  const [sort, setSort] = useState<PortfolioSort>("index");
  const [order, setOrder] = useState<"asc" | "desc">("asc");
  const [hasAlerts, setHasAlerts] = useState<"" | "true" | "false">("");
  const [pathology, setPathology] = useState<"" | Pathology>("");
  const [stage, setStage] = useState("");
  const filters: PortfolioFilters = {
    sort,
    order,
    ...(debounced ? { q: debounced } : {}),
    ...(hasAlerts ? { hasAlerts } : {}),
    ...(pathology ? { pathology } : {}),
    ...(stage ? { stage } : {}),
  };
  const portfolio = usePortfolio(filters);
  const items = portfolio.data?.pages.flatMap((page) => page.items) ?? [];
  const total = portfolio.data?.pages[0]?.total ?? 0;
  const filtered = Boolean(debounced || hasAlerts || pathology || stage);

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>Cockpit</Title>
        <Text size="sm">
          Every alliance you facilitate, with its Collaboration Capacity Index (0–100: how well the partners work together, from what they do and what they say in pulses) and what needs you now. An alliance with too little activity yet has no meaningful index: sorted by index, it comes after the others.
        </Text>
      </Stack>
      <section aria-labelledby="cockpit-filters">
        <Title order={2} size="h4" id="cockpit-filters" mb="xs">
          Sort and filter
        </Title>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
          <TextInput label="Name contains" value={q} onChange={(e) => setQ(e.currentTarget.value)} maxLength={200} />
          <NativeSelect
            label="Sort by"
            value={sort}
            onChange={(e) => {
              const next = e.currentTarget.value as PortfolioSort;
              setSort(next);
              setOrder(defaultOrder[next]);
            }}
            data={Object.entries(sortLabels).map(([value, label]) => ({ value, label }))}
          />
          <NativeSelect
            label="Order"
            value={order}
            onChange={(e) => setOrder(e.currentTarget.value as "asc" | "desc")}
            data={[
              { value: "asc", label: sort === "name" ? "A to Z" : sort === "renewal" || sort === "updated" ? "Earliest first" : "Lowest first" },
              { value: "desc", label: sort === "name" ? "Z to A" : sort === "renewal" || sort === "updated" ? "Latest first" : "Highest first" },
            ]}
          />
          <NativeSelect
            label="Alerts"
            value={hasAlerts}
            onChange={(e) => setHasAlerts(e.currentTarget.value as "" | "true" | "false")}
            data={[
              { value: "", label: "With or without" },
              { value: "true", label: "With open alerts" },
              { value: "false", label: "Without open alerts" },
            ]}
          />
          <NativeSelect
            label="With an open alert"
            value={pathology}
            onChange={(e) => setPathology(e.currentTarget.value as "" | Pathology)}
            data={[{ value: "", label: "Any" }, ...pathologyCodes.map((p) => ({ value: p, label: pathologyLabels[p] }))]}
          />
          <NativeSelect label="Stage" value={stage} onChange={(e) => setStage(e.currentTarget.value)} data={[{ value: "", label: "Any stage" }, ...stages.map((s) => ({ value: s, label: stageLabels[s] }))]} />
        </SimpleGrid>
      </section>
      <section aria-labelledby="cockpit-alliances">
        <Title order={2} size="h4" id="cockpit-alliances" mb="xs">
          {portfolio.data ? `${total} ${total === 1 ? "alliance" : "alliances"}${filtered ? " match" : ""}` : "Alliances"}
        </Title>
        {portfolio.isPending ? (
          <Loading label="Loading your alliances' health…" />
        ) : portfolio.isError ? (
          <LoadError error={portfolio.error} onRetry={() => void portfolio.refetch()} title="The cockpit could not be loaded" />
        ) : items.length === 0 ? (
          filtered ? (
            <EmptyState title="No alliance matches">Change or clear the filters above.</EmptyState>
          ) : (
            <EmptyState title="You facilitate no alliance">
              The cockpit lists the alliances where you are a facilitator. Start an alliance from{" "}
              <Anchor component={Link} to="/alliances">
                Alliances
              </Anchor>
              , or ask an alliance's facilitator to give you the role.
            </EmptyState>
          )
        ) : (
          <Stack gap="sm" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }} aria-busy={portfolio.isFetching && !portfolio.isFetchingNextPage}>
            {items.map((item) => (
              <PortfolioCard key={item.allianceId} item={item} timeZone={me.timeZone} />
            ))}
          </Stack>
        )}
        {portfolio.hasNextPage && (
          <Group justify="center" mt="md">
            <Button variant="default" onClick={() => void portfolio.fetchNextPage()} loading={portfolio.isFetchingNextPage}>
              Load more alliances
            </Button>
          </Group>
        )}
      </section>
    </Stack>
  );
}
