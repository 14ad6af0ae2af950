import { Anchor, Group, Stack, Table, Text, Title } from "@mantine/core";
import cytoscape from "cytoscape";
import { useEffect, useRef } from "react";
import { Link, useParams } from "react-router";
import { isApiError } from "../api/client";
import { useAllianceHome } from "../api/alliances";
import { useMe } from "../api/session";
import { fieldError } from "../components/form-errors";
import { EmptyState, LoadError, Loading } from "../components/page-states";
import { usePageTitle } from "../components/page-title";
import { NotFoundPage } from "../pages/not-found-page";
import { useNetwork } from "./api";
import { CommitmentsNav } from "./commitments-page";
import { LiveBadge } from "./components";
import { formatRate } from "./format";
import { PeriodFilter, usePeriod } from "./period-filter";
import type { CommitmentNetwork } from "./types";
import { useLiveCommitments } from "./use-live-commitments";

/** Red (none kept on time) through amber to green (all kept on time); grey when nothing came due. */
function rateColor(rate: number | null): string {
  if (rate === null) return "#868e96";
  const hue = Math.round(rate * 120);
  return `hsl(${hue}, 70%, 38%)`;
}

/** The graph: seats as nodes, customer → performer edges, width by count, colour by kept-on-time rate. */
function NetworkGraph({ network, label }: { network: CommitmentNetwork; label: string }) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!container.current) return;
    const maxCount = Math.max(1, ...network.edges.map((e) => e.count));
    const graph = cytoscape({
      container: container.current,
      elements: [
        ...network.nodes.map((node) => ({ data: { id: node.id, label: node.name, size: 30 + Math.min(40, node.commitments * 4) } })),
        ...network.edges.map((edge) => ({ data: { id: edge.id, source: edge.source, target: edge.target, width: 1 + (edge.count / maxCount) * 9, color: rateColor(edge.keptOnTimeRate), label: String(edge.count) } })),
      ],
      style: [
        {
          selector: "node",
          style: { label: "data(label)", width: "data(size)", height: "data(size)", "background-color": "#1c7ed6", "font-size": 12, color: "#212529", "text-valign": "bottom", "text-margin-y": 4, "text-wrap": "wrap", "text-max-width": "120px" },
        },
        {
          selector: "edge",
          style: { width: "data(width)", "line-color": "data(color)", "target-arrow-color": "data(color)", "target-arrow-shape": "triangle", "curve-style": "bezier", label: "data(label)", "font-size": 11, "text-background-color": "#ffffff", "text-background-opacity": 1 },
        },
      ],
      layout: { name: "circle", padding: 30 },
      userZoomingEnabled: false,
      boxSelectionEnabled: false,
      autoungrabify: true,
    });
    return () => graph.destroy();
  }, [network]);
  return <div ref={container} role="img" aria-label={label} style={{ width: "100%", height: 380, border: "1px solid var(--mantine-color-gray-3)", borderRadius: "var(--mantine-radius-md)" }} />;
}

/** Who promises whom: the graph of commitments between seats, and the same as a table. */
export function NetworkPage() {
  const { id = "" } = useParams();
  const me = useMe();
  const home = useAllianceHome(id);
  const live = useLiveCommitments(id);
  const { from, setFrom, to, setTo, period } = usePeriod(me.timeZone);
  const network = useNetwork(id, period);
  usePageTitle(home.data ? `Network · ${home.data.name}` : "Network");
  if (home.isPending) return <Loading label="Loading the alliance…" />;
  if (home.isError) {
    if (isApiError(home.error, "not_found") || isApiError(home.error, "validation_failed")) return <NotFoundPage what="alliance" />;
    return <LoadError error={home.error} onRetry={() => void home.refetch()} title="The alliance could not be loaded" />;
  }
  const data = network.data;
  const names = new Map(data?.nodes.map((n) => [n.id, n.name]) ?? []);
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/alliances/${id}`} size="sm">
        ← {home.data.name}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Title order={1}>Who promises whom</Title>
        <LiveBadge state={live} />
      </Group>
      <CommitmentsNav allianceId={id} current="network" />
      <Text size="sm" c="dimmed">
        Each arrow goes from the seat that asked to the seat that promised; thicker means more commitments, green means kept on time, red means not, grey means none came due yet.
      </Text>
      <PeriodFilter from={from} setFrom={setFrom} to={to} setTo={setTo} error={fieldError(network.error, "from") ?? fieldError(network.error, "to")} />
      {network.isPending ? (
        <Loading label="Drawing the network…" />
      ) : network.isError && !data ? (
        <LoadError error={network.error} onRetry={() => void network.refetch()} title="The network could not be loaded" />
      ) : data && data.edges.length === 0 ? (
        <EmptyState title="No commitments between seats yet">When one seat asks another for something, an arrow between them appears here.</EmptyState>
      ) : data ? (
        <>
          <NetworkGraph network={data} label={`Graph of commitments between ${data.nodes.length} seats; the table below gives the same figures.`} />
          <div role="region" aria-label="Commitments between seats, as a table" tabIndex={0} style={{ overflowX: "auto" }}>
            <Table striped withTableBorder miw={600} captionSide="top">
              <Table.Caption>Commitments between seats</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Who asked</Table.Th>
                  <Table.Th scope="col">Who promised</Table.Th>
                  <Table.Th scope="col">Commitments</Table.Th>
                  <Table.Th scope="col">Open now</Table.Th>
                  <Table.Th scope="col">Came due</Table.Th>
                  <Table.Th scope="col">Kept on time</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.edges.map((edge) => (
                  <Table.Tr key={edge.id}>
                    <Table.Td>{names.get(edge.source) ?? "A seat"}</Table.Td>
                    <Table.Td>{names.get(edge.target) ?? "A seat"}</Table.Td>
                    <Table.Td>{edge.count}</Table.Td>
                    <Table.Td>{edge.open}</Table.Td>
                    <Table.Td>{edge.promisesCameDue}</Table.Td>
                    <Table.Td>
                      {edge.keptOnTime} ({formatRate(edge.keptOnTimeRate)})
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        </>
      ) : null}
    </Stack>
  );
}
