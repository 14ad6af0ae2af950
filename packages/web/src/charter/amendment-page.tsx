import "./charter.css";
import { diffWords } from "@trellis/core/charter";
import { Alert, Anchor, Badge, Button, Grid, Group, Modal, Paper, Stack, Text, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { useAllianceHome } from "../api/alliances";
import { isApiError } from "../api/client";
import { useMe } from "../api/session";
import { ConfirmDialog } from "../components/confirm-dialog";
import { FormError } from "../components/form-errors";
import { LoadError, Loading } from "../components/page-states";
import { usePageTitle } from "../components/page-title";
import { formatDateTime } from "../labels";
import { NotFoundPage } from "../pages/not-found-page";
import { AmendmentDiscussion } from "./amendment-discussion";
import { useAmendment, useRejectAmendment, useWithdrawAmendment } from "./charter-api";
import { amendmentKindLabels, amendmentStateColors, amendmentStateLabels, describeSetting, sectionLabels } from "./charter-labels";
import { LiveBadge } from "./live-badge";
import { delegateSeatsOf } from "./my-seats";
import { RatificationPanel } from "./ratification-panel";
import { ReviseAmendmentForm } from "./revise-amendment-form";
import type { AmendmentView } from "./types";
import { useCharterLive } from "./use-charter-live";
import { DiffLegend, WordDiff } from "./word-diff";

function placementOf(view: AmendmentView, seatName: (id: string) => string): string {
  const p = view.placement;
  if (!p) return sectionLabels[view.section];
  const owner = p.seatId ? ` (${seatName(p.seatId)}'s own)` : "";
  const side = p.scopeSide === "in" ? " (in scope)" : p.scopeSide === "out" ? " (out of scope)" : "";
  return `${sectionLabels[p.section]}${owner}${side}`;
}

function ProposedChange({ view, seatName }: { view: AmendmentView; seatName: (id: string) => string }) {
  const changedMeanwhile = view.stale && view.kind !== "add" && view.baseText !== null;
  return (
    <section aria-labelledby="change-title">
      <Title order={2} size="h3" id="change-title" mb="xs">
        The proposed change
      </Title>
      <Paper withBorder p="md" radius="md">
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            {view.kind === "add" ? `A new clause in ${placementOf(view, seatName)}` : view.kind === "remove" ? `Removes a clause from ${sectionLabels[view.section]}` : `Changes a clause in ${sectionLabels[view.section]}`}
            {view.baseClauseRevision !== null ? `, written against revision ${view.baseClauseRevision} of the clause` : ""}.
          </Text>
          <WordDiff parts={view.diff} label="Proposed change, word by word" />
          {view.proposedSetting && (
            <Text size="sm" fw={500}>
              {describeSetting(view.proposedSetting)}
            </Text>
          )}
          <DiffLegend />
        </Stack>
      </Paper>
      {changedMeanwhile && (
        <Alert variant="light" color="orange" title="The clause changed since this amendment was written" mt="sm">
          <Stack gap="xs">
            <Text size="sm">
              {view.currentClause ? "Another amendment was ratified meanwhile. How the clause changed since:" : "Another amendment removed the clause meanwhile."}
            </Text>
            {view.currentClause && <WordDiff parts={diffWords(view.baseText ?? "", view.currentClause.text)} label="How the clause changed meanwhile" />}
            <Text size="sm">The amendment is stale: nobody can ratify it until its proposer rebases it onto the clause as it reads now, or withdraws it.</Text>
          </Stack>
        </Alert>
      )}
    </section>
  );
}

function ProposerActions({ view, allianceId, onRevise, onReload }: { view: AmendmentView; allianceId: string; onRevise: () => void; onReload: () => void }) {
  const withdraw = useWithdrawAmendment(allianceId, view.id);
  const reject = useRejectAmendment(allianceId, view.id);
  // Both end the amendment for good, so each asks first.
  const [confirming, setConfirming] = useState<"withdraw" | "reject" | null>(null);
  const error = withdraw.error ?? reject.error;
  if (!view.can.rebase && !view.can.withdraw && !view.can.reject) return null;
  return (
    <Stack gap="xs">
      <FormError error={error} title={isApiError(error, "stale_version") ? "Someone changed this amendment meanwhile; it is shown as it is now" : "That did not work"} />
      {isApiError(error, "stale_version") && (
        <Group>
          <Button
            size="xs"
            variant="default"
            onClick={() => {
              withdraw.reset();
              reject.reset();
              onReload();
            }}
          >
            Load the latest version
          </Button>
        </Group>
      )}
      <Group gap="xs">
        {view.can.rebase && <Button onClick={onRevise}>{view.stale ? "Rebase onto the current clause" : "Revise the amendment"}</Button>}
        {view.can.withdraw && (
          <Button variant="default" onClick={() => setConfirming("withdraw")} loading={withdraw.isPending}>
            Withdraw
          </Button>
        )}
        {view.can.reject && (
          <Button variant="default" color="red.9" onClick={() => setConfirming("reject")} loading={reject.isPending}>
            Close as rejected
          </Button>
        )}
      </Group>
      <ConfirmDialog
        opened={confirming === "withdraw"}
        title="Withdraw the amendment?"
        confirmLabel="Withdraw amendment"
        cancelLabel="Keep it open"
        danger
        loading={withdraw.isPending}
        onCancel={() => setConfirming(null)}
        onConfirm={() => withdraw.mutate({ version: view.version }, { onSettled: () => setConfirming(null) })}
      >
        {`“${view.title}” will be withdrawn: no seat can ratify it any more and the charter stays as it is. This cannot be undone; to propose the change again, start a new amendment.`}
      </ConfirmDialog>
      <ConfirmDialog
        opened={confirming === "reject"}
        title="Close the amendment as rejected?"
        confirmLabel="Close as rejected"
        cancelLabel="Keep it open"
        danger
        loading={reject.isPending}
        onCancel={() => setConfirming(null)}
        onConfirm={() => reject.mutate({ version: view.version }, { onSettled: () => setConfirming(null) })}
      >
        {`“${view.title}” cannot be ratified as it stands. Closing it records it as rejected: no seat can answer it any more and the charter stays as it is. This cannot be undone.`}
      </ConfirmDialog>
    </Stack>
  );
}

/** One amendment: the change as a word diff, the rationale, ratification seat by seat, the discussion. */
export function AmendmentPage() {
  const { id = "", amendmentId = "" } = useParams();
  const me = useMe();
  const home = useAllianceHome(id);
  const amendment = useAmendment(id, amendmentId);
  const live = useCharterLive(id);
  const [revising, setRevising] = useState(false);
  const phone = useMediaQuery("(max-width: 36em)");
  usePageTitle(amendment.data ? `${amendment.data.title} · Charter` : "Amendment");
  const mySeats = delegateSeatsOf(home.data, me.id);
  const back = (
    <Anchor component={Link} to={`/alliances/${id}/charter`} size="sm">
      ← The charter{home.data ? ` of ${home.data.name}` : ""}
    </Anchor>
  );

  if (amendment.isPending) return <Loading label="Loading the amendment…" />;
  if (amendment.isError) {
    if (isApiError(amendment.error, "not_found") || isApiError(amendment.error, "validation_failed")) return <NotFoundPage what="amendment" />;
    return (
      <Stack gap="md">
        {back}
        <LoadError error={amendment.error} onRetry={() => void amendment.refetch()} title="The amendment could not be loaded" />
      </Stack>
    );
  }
  const view = amendment.data;
  const seatName = (seatId: string) => home.data?.seats.find((s) => s.id === seatId)?.organization.name ?? "a partner";

  return (
    <Stack gap="xl">
      <Stack gap="xs">
        {back}
        <Group gap="sm" align="center">
          <Title order={1} className="wrap-anywhere">
            {view.title}
          </Title>
          <Badge size="lg" variant="filled" color={amendmentStateColors[view.state]}>
            {amendmentStateLabels[view.state]}
          </Badge>
          <LiveBadge live={live} />
        </Group>
        <Text size="sm" c="dimmed" className="wrap-anywhere">
          {amendmentKindLabels[view.kind]} · proposed by {view.proposer.displayName} for {view.proposer.seatName} on {formatDateTime(view.proposedAt, me.timeZone)} · against version {view.basedOnVersion} ·
          draft {view.draft}
          {view.settledAt ? ` · settled on ${formatDateTime(view.settledAt, me.timeZone)}` : ""}
        </Text>
      </Stack>

      <Grid gutter="xl">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="xl">
            <ProposedChange view={view} seatName={seatName} />
            <section aria-labelledby="rationale-title">
              <Title order={2} size="h3" id="rationale-title" mb="xs">
                Rationale
              </Title>
              <Text className="charter-clause-text">{view.rationale}</Text>
            </section>
            <ProposerActions view={view} allianceId={id} onRevise={() => setRevising(true)} onReload={() => void amendment.refetch()} />
            <AmendmentDiscussion allianceId={id} amendmentId={view.id} canComment={view.can.comment} timeZone={me.timeZone} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <RatificationPanel view={view} allianceId={id} mySeats={mySeats} />
        </Grid.Col>
      </Grid>

      <Modal fullScreen={phone} opened={revising} onClose={() => setRevising(false)} size="lg" title={view.stale ? "Rebase the amendment" : "Revise the amendment"}>
        {revising && <ReviseAmendmentForm view={view} allianceId={id} onDone={() => setRevising(false)} onReload={() => void amendment.refetch()} />}
      </Modal>
    </Stack>
  );
}
