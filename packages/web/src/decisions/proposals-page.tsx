import { Anchor, Badge, Button, Group, Modal, Paper, Stack, Tabs, Text, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { useAllianceHome } from "../api/alliances";
import { isApiError } from "../api/client";
import { useMe } from "../api/session";
import { EmptyState, LoadError, Loading } from "../components/page-states";
import { usePageTitle } from "../components/page-title";
import { formatDateTime } from "../labels";
import { NotFoundPage } from "../pages/not-found-page";
import { BackToAlliance, Facts, LiveBadge, ResultBadge } from "./decision-bits";
import { describeMethod } from "./decision-labels";
import type { ProposalSummary } from "./decision-types";
import { useProposals } from "./decisions-api";
import { ProposalForm } from "./proposal-form";
import { useLiveDecisions } from "./use-live-decisions";

const proposingRoles = ["facilitator", "delegate", "member"];

function ProposalItem({ allianceId, proposal, timeZone }: { allianceId: string; proposal: ProposalSummary; timeZone: string }) {
  const closing =
    proposal.state === "closed"
      ? proposal.closedAt && `Closed ${formatDateTime(proposal.closedAt, timeZone)}`
      : proposal.closesAt
        ? `Closes ${formatDateTime(proposal.closesAt, timeZone)}`
        : "Closes by hand";
  return (
    <Paper withBorder p="sm" radius="md" component="li">
      <Stack gap={4}>
        <Group justify="space-between" align="flex-start" gap="xs">
          <Anchor component={Link} to={`/alliances/${allianceId}/proposals/${proposal.id}`} fw={600} className="wrap-anywhere" style={{ minWidth: 0 }}>
            {proposal.title}
          </Anchor>
          {proposal.result ? (
            <ResultBadge result={proposal.result} />
          ) : proposal.state === "open" && proposal.hiddenUntilClose ? (
            <Badge variant="outline" color="gray.7">
              Results hidden until close
            </Badge>
          ) : null}
        </Group>
        <Facts
          items={[
            describeMethod(proposal.method),
            closing,
            `${proposal.seatsTakingPart} seat${proposal.seatsTakingPart === 1 ? "" : "s"} taking part`,
            `proposed by ${proposal.proposer.displayName}${proposal.proposer.seatName ? ` (${proposal.proposer.seatName})` : ""}`,
            proposal.anonymous && "anonymous positions",
          ]}
        />
      </Stack>
    </Paper>
  );
}

function ProposalList({ allianceId, state, timeZone, canPropose }: { allianceId: string; state: "open" | "closed"; timeZone: string; canPropose: boolean }) {
  const proposals = useProposals(allianceId, state);
  if (proposals.isPending) return <Loading label={`Loading ${state} proposals…`} />;
  if (proposals.isError) return <LoadError error={proposals.error} onRetry={() => void proposals.refetch()} title="The proposals could not be loaded" />;
  const items = proposals.data.pages.flatMap((page) => page.items);
  if (items.length === 0) {
    return state === "open" ? (
      <EmptyState title="No open proposals">{canPropose ? "Use “Make a proposal” to put a question to the partners." : "When someone puts a question to the partners, it shows here."}</EmptyState>
    ) : (
      <EmptyState title="No closed proposals yet">Proposals show here once they close; their outcomes go to the decision log.</EmptyState>
    );
  }
  return (
    <Stack gap="sm">
      <Stack component="ul" gap="sm" aria-label={state === "open" ? "Open proposals" : "Closed proposals"} style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {items.map((proposal) => (
          <ProposalItem key={proposal.id} allianceId={allianceId} proposal={proposal} timeZone={timeZone} />
        ))}
      </Stack>
      {proposals.hasNextPage && (
        <Group justify="center">
          <Button variant="default" loading={proposals.isFetchingNextPage} onClick={() => void proposals.fetchNextPage()}>
            Load more proposals
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** The alliance's proposals, open and closed, with a way to make one. */
export function ProposalsPage() {
  const { id = "" } = useParams();
  const me = useMe();
  const home = useAllianceHome(id);
  const live = useLiveDecisions(id);
  const navigate = useNavigate();
  const [tab, setTab] = useState<"open" | "closed">("open");
  const [proposing, setProposing] = useState(false);
  const phone = useMediaQuery("(max-width: 36em)");
  usePageTitle(home.data ? `Decisions · ${home.data.name}` : "Decisions");

  if (home.isPending) return <Loading label="Loading the alliance…" />;
  if (home.isError) {
    if (isApiError(home.error, "not_found") || isApiError(home.error, "validation_failed")) return <NotFoundPage what="alliance" />;
    return <LoadError error={home.error} onRetry={() => void home.refetch()} title="The alliance could not be loaded" />;
  }
  const alliance = home.data;
  const canPropose = alliance.me.roles.some((role) => proposingRoles.includes(role));

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <BackToAlliance allianceId={id} name={alliance.name} />
        <Group justify="space-between" align="flex-start" gap="sm">
          <Group gap="sm">
            <Title order={1}>Decisions</Title>
            <LiveBadge live={live} />
          </Group>
          <Group gap="sm">
            <Button variant="default" component={Link} to={`/alliances/${id}/decision-log`}>
              Decision log
            </Button>
            {canPropose && <Button onClick={() => setProposing(true)}>Make a proposal</Button>}
          </Group>
        </Group>
        <Text size="sm" c="dimmed">
          Proposals put to the partners of {alliance.name}. Each seat takes part through its delegates; every outcome says which seats did not.
        </Text>
      </Stack>
      <Tabs value={tab} onChange={(value) => setTab(value === "closed" ? "closed" : "open")} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="open">Open</Tabs.Tab>
          <Tabs.Tab value="closed">Closed</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="open" pt="md">
          <ProposalList allianceId={id} state="open" timeZone={me.timeZone} canPropose={canPropose} />
        </Tabs.Panel>
        <Tabs.Panel value="closed" pt="md">
          <ProposalList allianceId={id} state="closed" timeZone={me.timeZone} canPropose={canPropose} />
        </Tabs.Panel>
      </Tabs>
      <Modal fullScreen={phone} opened={proposing} onClose={() => setProposing(false)} title="Make a proposal" size="lg">
        {proposing && (
          <ProposalForm
            home={alliance}
            meId={me.id}
            timeZone={me.timeZone}
            onCancel={() => setProposing(false)}
            onDone={(view) => {
              setProposing(false);
              navigate(`/alliances/${id}/proposals/${view.id}`);
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}
