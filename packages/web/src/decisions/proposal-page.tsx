import { isStanceMethod } from "@trellis/core/decisions";
import { Alert, Anchor, Badge, Button, Grid, Group, Modal, Paper, Stack, Text, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { useAllianceHome } from "../api/alliances";
import { isApiError } from "../api/client";
import { useMe } from "../api/session";
import { LoadError, Loading } from "../components/page-states";
import { usePageTitle } from "../components/page-title";
import { formatDate, formatDateTime } from "../labels";
import { NotFoundPage } from "../pages/not-found-page";
import { AdvicePanel } from "./advice-panel";
import { BackToAlliance, Facts, LiveBadge, ResultBadge } from "./decision-bits";
import { describeMethod, describeQuorum, methodHelp, seatRuleHelp } from "./decision-labels";
import type { ProposalView } from "./decision-types";
import { useProposal } from "./decisions-api";
import { describePosition } from "./describe-position";
import { ObjectionList } from "./objection-list";
import { PositionForm } from "./position-form";
import { CloseProposalForm, EditProposalForm, OutcomeStatementForm } from "./steward-forms";
import { PositionList, TallyView } from "./tally-view";
import { useLiveDecisions } from "./use-live-decisions";

// setTimeout's longest delay (about 24.8 days); a later closing time is looked at again then.
const longestDelay = 2 ** 31 - 1;

/** Fetches the proposal again when its closing time arrives, so the page turns to its outcome without a reload. */
function useRefetchAtClose(proposal: ProposalView | undefined, refetch: () => unknown): void {
  const closesAt = proposal?.state === "open" ? proposal.closesAt : null;
  useEffect(() => {
    if (!closesAt) return;
    // The clock is read here on purpose: the delay until the closing time, plus a second for the server.
    const delay = Math.min(longestDelay, Math.max(0, Date.parse(closesAt) - Date.now()) + 1000);
    const timer = setTimeout(() => void refetch(), delay);
    return () => clearTimeout(timer);
  }, [closesAt, refetch]);
}

/** Which seats have taken part: not a result, so it shows even while results are hidden. */
function Participation({ proposal }: { proposal: ProposalView }) {
  const names = (ids: readonly string[]) => ids.map((id) => proposal.seats.find((s) => s.id === id)?.name ?? "a seat").sort((a, b) => a.localeCompare(b));
  const { seatsTakingPart, seatsNotTakingPart, positionCount } = proposal.participation;
  return (
    <Stack gap={4}>
      <Text size="sm">
        {positionCount} position{positionCount === 1 ? "" : "s"} from {seatsTakingPart.length} of {proposal.seats.length} seats.
      </Text>
      <Text size="sm">Taking part: {seatsTakingPart.length === 0 ? "no seat yet" : names(seatsTakingPart).join(", ")}.</Text>
      <Text size="sm">Not yet taking part: {seatsNotTakingPart.length === 0 ? "none" : names(seatsNotTakingPart).join(", ")}.</Text>
    </Stack>
  );
}

/** One proposal: its text and method, my position, objections or advice, the tallies per person and per seat, closing and the outcome statement. */
export function ProposalPage() {
  const { id = "", proposalId = "" } = useParams();
  const me = useMe();
  const home = useAllianceHome(id);
  const query = useProposal(id, proposalId);
  const live = useLiveDecisions(id);
  const [dialog, setDialog] = useState<"edit" | "close" | "outcome" | null>(null);
  const phone = useMediaQuery("(max-width: 36em)");
  usePageTitle(query.data ? query.data.title : "Proposal");
  useRefetchAtClose(query.data, query.refetch);

  if (home.isPending || query.isPending) return <Loading label="Loading the proposal…" />;
  if (home.isError || query.isError) {
    const error = home.error ?? query.error;
    if (isApiError(error, "not_found") || isApiError(error, "validation_failed")) return <NotFoundPage what="proposal" />;
    return <LoadError error={error} onRetry={() => void (home.isError ? home.refetch() : query.refetch())} title="The proposal could not be loaded" />;
  }
  const alliance = home.data;
  const proposal = query.data;
  const outcome = proposal.outcome;
  const tz = me.timeZone;
  const reload = () => query.refetch();
  const closeDialog = () => setDialog(null);

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Group gap="md">
          <BackToAlliance allianceId={id} name={alliance.name} />
          <Anchor component={Link} to={`/alliances/${id}/proposals`} size="sm">
            All proposals
          </Anchor>
        </Group>
        <Group justify="space-between" align="flex-start" gap="sm">
          <Group gap="sm" style={{ minWidth: 0 }}>
            <Title order={1} className="wrap-anywhere">
              {proposal.title}
            </Title>
            <Badge size="lg" variant="filled" color={proposal.state === "open" ? "blue.8" : "gray.7"}>
              {proposal.state === "open" ? "Open" : "Closed"}
            </Badge>
            {outcome && outcome.final && <ResultBadge result={outcome.result} />}
          </Group>
          <Group gap="sm">
            <LiveBadge live={live} />
            {proposal.can.edit && (
              <Button variant="default" onClick={() => setDialog("edit")}>
                Edit proposal
              </Button>
            )}
            {proposal.can.close && (
              <Button variant="default" onClick={() => setDialog("close")}>
                Close proposal
              </Button>
            )}
          </Group>
        </Group>
        <Facts
          items={[
            `Proposed by ${proposal.proposer.displayName}${proposal.proposer.seatName ? ` for ${proposal.proposer.seatName}` : ""}`,
            formatDateTime(proposal.createdAt, tz),
            proposal.state === "closed" && proposal.closedAt ? `closed ${formatDateTime(proposal.closedAt, tz)}` : proposal.closesAt ? `closes ${formatDateTime(proposal.closesAt, tz)}` : "closes by hand",
            proposal.hiddenUntilClose && "results hidden until close",
            proposal.anonymous && "anonymous positions",
          ]}
        />
      </Stack>

      <Grid gutter="xl">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="xl">
            <section aria-labelledby="proposal-text-title">
              <Title order={2} size="h3" id="proposal-text-title" mb="xs">
                The proposal
              </Title>
              {proposal.body ? (
                <Text className="wrap-anywhere" style={{ whiteSpace: "pre-line" }}>
                  {proposal.body}
                </Text>
              ) : (
                <Text c="dimmed">No text beyond the title.</Text>
              )}
              {proposal.options.length > 0 && (
                <Text size="sm" mt="xs">
                  {proposal.method.kind === "meeting_time" ? "Slots" : "Options"}: {proposal.options.map((o) => (o.startsAt ? `${o.label} (${formatDateTime(o.startsAt, tz)})` : o.label)).join(", ")}
                </Text>
              )}
            </section>

            <section aria-labelledby="method-title">
              <Title order={2} size="h3" id="method-title" mb="xs">
                How it is decided
              </Title>
              <Stack gap={4}>
                <Text size="sm">
                  <strong>{describeMethod(proposal.method)}.</strong> {methodHelp[proposal.method.kind]}
                </Text>
                {isStanceMethod(proposal.method.kind) && <Text size="sm">{seatRuleHelp[proposal.seatRule]}</Text>}
                <Text size="sm">{describeQuorum(proposal.quorum, proposal.seats.length)}</Text>
              </Stack>
            </section>

            {proposal.method.kind === "consent" && (
              <section aria-labelledby="objections-title">
                <Title order={2} size="h3" id="objections-title" mb="xs">
                  Objections
                </Title>
                {outcome && outcome.details.kind === "consent" ? (
                  <ObjectionList allianceId={id} proposal={proposal} objections={outcome.details.objections} onReload={reload} />
                ) : (
                  <Text size="sm">Objections show here.</Text>
                )}
              </section>
            )}
            {proposal.method.kind === "advice" && <AdvicePanel allianceId={id} proposal={proposal} />}

            <section aria-labelledby="results-title">
              <Title order={2} size="h3" id="results-title" mb="xs">
                {outcome?.final ? "Outcome" : "Results so far"}
              </Title>
              {proposal.resultsVisible && outcome ? (
                <Stack gap="lg">
                  <TallyView proposal={proposal} outcome={outcome} timeZone={tz} />
                  <section aria-labelledby="positions-title">
                    <Title order={3} size="h4" id="positions-title" mb="xs">
                      Positions
                    </Title>
                    {proposal.anonymous && (
                      <Text size="xs" c="dimmed" mb="xs">
                        Positions are anonymous: each shows its seat, never its person.
                      </Text>
                    )}
                    <PositionList proposal={proposal} timeZone={tz} />
                  </section>
                </Stack>
              ) : (
                <Stack gap="sm">
                  <Alert color="blue" variant="light" title="Results are hidden until the proposal closes">
                    Nobody sees the tally or anyone's position before the close, so nobody anchors the others.
                  </Alert>
                  <Participation proposal={proposal} />
                </Stack>
              )}
            </section>
          </Stack>
        </Grid.Col>

        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="xl">
            {proposal.state === "closed" && (
              <section aria-labelledby="statement-title">
                <Title order={2} size="h3" id="statement-title" mb="xs">
                  Outcome statement
                </Title>
                {proposal.statement ? (
                  <Paper withBorder p="md" radius="md">
                    <Stack gap={4}>
                      <Text className="wrap-anywhere" style={{ whiteSpace: "pre-line" }}>
                        {proposal.statement.statement}
                      </Text>
                      <Text size="sm">
                        Review on {formatDate(`${proposal.statement.reviewOn}T12:00:00Z`, "UTC")}
                        {proposal.statement.reviewDue ? " — due now" : ""}
                      </Text>
                      <Text size="xs" c="dimmed">
                        Recorded by {proposal.statement.recordedBy.displayName}, {formatDateTime(proposal.statement.recordedAt, tz)}
                      </Text>
                    </Stack>
                  </Paper>
                ) : (
                  <Text size="sm">{proposal.can.recordOutcome ? "No statement yet: record what was decided and when to review it." : "No statement recorded yet."}</Text>
                )}
                {proposal.can.recordOutcome && (
                  <Button mt="sm" variant={proposal.statement ? "default" : "filled"} onClick={() => setDialog("outcome")}>
                    {proposal.statement ? "Revise the outcome statement" : "Record the outcome"}
                  </Button>
                )}
              </section>
            )}
            <section aria-labelledby="my-position-title">
              <Title order={2} size="h3" id="my-position-title" mb="xs">
                Your position
              </Title>
              {proposal.myPosition && (
                <Text size="sm" mb="sm" className="wrap-anywhere">
                  You said: <strong>{describePosition(proposal.method.kind, proposal.options, proposal.myPosition.value)}</strong> for {proposal.myPosition.seatName}
                  {proposal.myPosition.reason ? ` — “${proposal.myPosition.reason}”` : ""}
                </Text>
              )}
              {proposal.can.takePosition ? (
                <Paper withBorder p="md" radius="md">
                  <PositionForm proposal={proposal} home={alliance} timeZone={tz} />
                </Paper>
              ) : (
                <Text size="sm" c="dimmed">
                  {proposal.state === "closed" ? "This proposal is closed." : "Positions are taken by the delegates and members of a seat."}
                </Text>
              )}
            </section>
          </Stack>
        </Grid.Col>
      </Grid>

      <Modal fullScreen={phone} opened={dialog === "edit"} onClose={closeDialog} title="Edit the proposal" size="lg">
        {dialog === "edit" && <EditProposalForm allianceId={id} proposal={proposal} timeZone={tz} onDone={closeDialog} onReload={reload} />}
      </Modal>
      <Modal fullScreen={phone} opened={dialog === "close"} onClose={closeDialog} title="Close the proposal">
        {dialog === "close" && <CloseProposalForm allianceId={id} proposal={proposal} onDone={closeDialog} onReload={reload} />}
      </Modal>
      <Modal fullScreen={phone} opened={dialog === "outcome"} onClose={closeDialog} title="Outcome statement" size="lg">
        {dialog === "outcome" && <OutcomeStatementForm allianceId={id} proposal={proposal} timeZone={tz} onDone={closeDialog} onReload={reload} />}
      </Modal>
    </Stack>
  );
}
