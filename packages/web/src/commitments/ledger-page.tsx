import { Anchor, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { Link, useParams } from "react-router";
import { isApiError } from "../api/client";
import { useAllianceHome } from "../api/alliances";
import { useMe } from "../api/session";
import { fieldError } from "../components/form-errors";
import { EmptyState, LoadError, Loading } from "../components/page-states";
import { usePageTitle } from "../components/page-title";
import { NotFoundPage } from "../pages/not-found-page";
import { useLedger, useSeatLedger } from "./api";
import { CommitmentsNav } from "./commitments-page";
import { LiveBadge } from "./components";
import { formatDuration, formatRate } from "./format";
import { PeriodFilter, usePeriod } from "./period-filter";
import type { LedgerMeasures, PairLedger } from "./types";
import { useLiveCommitments } from "./use-live-commitments";

/** The ledger's columns, in the issue's words. */
const columns: { key: string; label: string; value: (m: LedgerMeasures) => string; help?: string }[] = [
  { key: "promisesMade", label: "Promises made", value: (m) => String(m.promisesMade) },
  { key: "keptOnTime", label: "Kept on time", value: (m) => String(m.keptOnTime) },
  { key: "keptLate", label: "Kept late", value: (m) => String(m.keptLate) },
  { key: "reneged", label: "Reneged", value: (m) => String(m.reneged) },
  { key: "revokedWithNotice", label: "Revoked with notice", value: (m) => String(m.revokedWithNotice) },
  { key: "declined", label: "Declined", value: (m) => String(m.declined) },
  { key: "requestsMade", label: "Requests made", value: (m) => String(m.requestsMade) },
  { key: "requestsAnswered", label: "Requests answered", value: (m) => `${m.requestsAnswered} of ${m.requestsReceived}` },
  { key: "medianResponse", label: "Median response time", value: (m) => formatDuration(m.medianResponseMs) },
  { key: "keepingRate", label: "Kept on time, of those due", value: (m) => formatRate(m.promiseKeepingRate) },
];

/** A table that scrolls inside itself on a narrow screen, never the page. */
function ScrollTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} style={{ overflowX: "auto", maxWidth: "100%" }}>
      {children}
    </div>
  );
}

function MeasuresTable({ rows, caption, allianceId }: { rows: { key: string; name: string; seatId?: string; measures: LedgerMeasures }[]; caption: string; allianceId: string }) {
  return (
    <ScrollTable label={caption}>
      <Table striped withTableBorder highlightOnHover miw={900} captionSide="top">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Seat</Table.Th>
            {columns.map((column) => (
              <Table.Th key={column.key} scope="col">
                {column.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key}>
              <Table.Th scope="row">
                {row.seatId ? (
                  <Anchor component={Link} to={`/alliances/${allianceId}/commitments/ledger/${row.seatId}`}>
                    {row.name}
                  </Anchor>
                ) : (
                  row.name
                )}
              </Table.Th>
              {columns.map((column) => (
                <Table.Td key={column.key}>{column.value(row.measures)}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

function PairsTable({ pairs, caption }: { pairs: PairLedger[]; caption: string }) {
  if (pairs.length === 0) return <EmptyState title="No pairs yet">Once this seat asks or promises another seat, each pair shows here.</EmptyState>;
  return (
    <ScrollTable label={caption}>
      <Table striped withTableBorder miw={700} captionSide="top">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Who asked</Table.Th>
            <Table.Th scope="col">Who promised</Table.Th>
            <Table.Th scope="col">Commitments</Table.Th>
            <Table.Th scope="col">Kept on time</Table.Th>
            <Table.Th scope="col">Kept late</Table.Th>
            <Table.Th scope="col">Reneged</Table.Th>
            <Table.Th scope="col">Revoked with notice</Table.Th>
            <Table.Th scope="col">Negotiation rounds</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {pairs.map((pair) => (
            <Table.Tr key={`${pair.customerSeat.id}:${pair.performerSeat.id}`}>
              <Table.Td>{pair.customerSeat.name}</Table.Td>
              <Table.Td>{pair.performerSeat.name}</Table.Td>
              <Table.Td>{pair.measures.commitmentsOpened}</Table.Td>
              <Table.Td>{pair.measures.keptOnTime}</Table.Td>
              <Table.Td>{pair.measures.keptLate}</Table.Td>
              <Table.Td>{pair.measures.reneged}</Table.Td>
              <Table.Td>{pair.measures.revokedWithNotice}</Table.Td>
              <Table.Td>{pair.measures.negotiationRounds}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

const ledgerHelp =
  "Counted from the moves themselves. A promise is kept on time when the report the customer accepted came by the due date; revoked with notice means released openly before the date, reneged means broken once due.";

/** The alliance-wide ledger of who promised what, per seat, for a period; live. */
export function LedgerPage() {
  const { id = "" } = useParams();
  const me = useMe();
  const home = useAllianceHome(id);
  const live = useLiveCommitments(id);
  const { from, setFrom, to, setTo, period } = usePeriod(me.timeZone);
  const ledger = useLedger(id, period);
  usePageTitle(home.data ? `Ledger · ${home.data.name}` : "Ledger");
  if (home.isPending) return <Loading label="Loading the alliance…" />;
  if (home.isError) {
    if (isApiError(home.error, "not_found") || isApiError(home.error, "validation_failed")) return <NotFoundPage what="alliance" />;
    return <LoadError error={home.error} onRetry={() => void home.refetch()} title="The alliance could not be loaded" />;
  }
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/alliances/${id}`} size="sm">
        ← {home.data.name}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Title order={1}>Ledger of commitments</Title>
        <LiveBadge state={live} />
      </Group>
      <CommitmentsNav allianceId={id} current="ledger" />
      <Text size="sm" c="dimmed">
        {ledgerHelp}
      </Text>
      <PeriodFilter from={from} setFrom={setFrom} to={to} setTo={setTo} error={fieldError(ledger.error, "from") ?? fieldError(ledger.error, "to")} />
      {ledger.isPending ? (
        <Loading label="Counting the ledger…" />
      ) : ledger.isError && !ledger.data ? (
        <LoadError error={ledger.error} onRetry={() => void ledger.refetch()} title="The ledger could not be counted" />
      ) : ledger.data ? (
        <>
          <MeasuresTable
            allianceId={id}
            caption="Per seat"
            rows={[...ledger.data.seats.map((s) => ({ key: s.seat.id, name: s.seat.name, seatId: s.seat.id, measures: s.measures })), { key: "alliance", name: "Whole alliance", measures: ledger.data.alliance }]}
          />
          <Title order={2} size="h3">
            Between seats
          </Title>
          <PairsTable pairs={ledger.data.pairs} caption="Per pair of seats" />
        </>
      ) : null}
    </Stack>
  );
}

/** One seat's ledger: every measure, and the seats it asked or promised. */
export function SeatLedgerPage() {
  const { id = "", seatId = "" } = useParams();
  const me = useMe();
  const home = useAllianceHome(id);
  const live = useLiveCommitments(id);
  const { from, setFrom, to, setTo, period } = usePeriod(me.timeZone);
  const ledger = useSeatLedger(id, seatId, period);
  const seatName = ledger.data?.seat.name ?? home.data?.seats.find((s) => s.id === seatId)?.organization.name;
  usePageTitle(seatName ? `Ledger of ${seatName}` : "Seat ledger");
  if (ledger.isPending) return <Loading label="Counting the ledger…" />;
  if (ledger.isError && !ledger.data) {
    if (isApiError(ledger.error, "not_found") || isApiError(ledger.error, "validation_failed")) return <NotFoundPage what="seat" />;
    return <LoadError error={ledger.error} onRetry={() => void ledger.refetch()} title="The ledger could not be counted" />;
  }
  const m = ledger.data.measures;
  const rows: [string, string][] = [
    ...columns.map((column): [string, string] => [column.label, column.value(m)]),
    ["Requests received", String(m.requestsReceived)],
    ["Negotiation rounds", String(m.negotiationRounds)],
    ["Closures declared by the customer", `${m.closuresByCustomer} of ${m.closures}`],
    ["Overdue open loops", String(m.overdueOpenLoops)],
    ["Oldest overdue loop", m.oldestOverdueMs === null ? "—" : formatDuration(m.oldestOverdueMs)],
  ];
  return (
    <Stack gap="lg">
      <Group gap="md">
        <Anchor component={Link} to={`/alliances/${id}`} size="sm">
          ← {home.data?.name ?? "The alliance"}
        </Anchor>
        <Anchor component={Link} to={`/alliances/${id}/commitments/ledger`} size="sm">
          The alliance's ledger
        </Anchor>
      </Group>
      <Group justify="space-between" align="flex-start">
        <Title order={1} className="wrap-anywhere">
          Ledger of {ledger.data.seat.name}
        </Title>
        <LiveBadge state={live} />
      </Group>
      <Text size="sm" c="dimmed">
        {ledgerHelp}
      </Text>
      <PeriodFilter from={from} setFrom={setFrom} to={to} setTo={setTo} error={fieldError(ledger.error, "from") ?? fieldError(ledger.error, "to")} />
      <Paper withBorder radius="md" maw={560}>
        <Table striped captionSide="top">
          <Table.Caption>Measures of {ledger.data.seat.name}</Table.Caption>
          <Table.Tbody>
            {rows.map(([label, value]) => (
              <Table.Tr key={label}>
                <Table.Th scope="row">{label}</Table.Th>
                <Table.Td>{value}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Title order={2} size="h3">
        With other seats
      </Title>
      <PairsTable pairs={ledger.data.pairs} caption={`Pairs with ${ledger.data.seat.name}`} />
    </Stack>
  );
}
