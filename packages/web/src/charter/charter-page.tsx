import "./charter.css";
import type { SectionKind } from "@trellis/core/charter";
import { Alert, Anchor, Badge, Button, Grid, Group, Modal, Paper, Stack, Text, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { useAllianceHome } from "../api/alliances";
import { isApiError } from "../api/client";
import { useMe } from "../api/session";
import type { AllianceHome } from "../api/types";
import { FormError } from "../components/form-errors";
import { EmptyState, LoadError, Loading } from "../components/page-states";
import { usePageTitle } from "../components/page-title";
import { formatDateTime } from "../labels";
import { NotFoundPage } from "../pages/not-found-page";
import { AmendmentList } from "./amendment-list";
import { AuthorshipBalancePanel, ClauseAuthorship } from "./authorship";
import { useCharter, useStartCharter } from "./charter-api";
import { describeAmendmentRule, describeSetting, sectionHelp, sectionLabels } from "./charter-labels";
import { LiveBadge } from "./live-badge";
import { delegateSeatsOf } from "./my-seats";
import { ProposeAmendmentForm, type ProposalTarget } from "./propose-amendment-form";
import { RenewalPanel } from "./renewal-panel";
import type { CharterView, Clause } from "./types";
import { useCharterLive } from "./use-charter-live";

function ClauseItem({ clause, charter, canPropose, onPropose }: { clause: Clause; charter: CharterView; canPropose: boolean; onPropose: (target: ProposalTarget) => void }) {
  return (
    <Paper component="li" withBorder p="sm" radius="md">
      <Stack gap={6}>
        {clause.scopeSide && (
          <Badge variant="filled" color={clause.scopeSide === "in" ? "teal.9" : "gray.7"} style={{ alignSelf: "flex-start" }}>
            {clause.scopeSide === "in" ? "In scope (pre-competitive)" : "Out of scope"}
          </Badge>
        )}
        <Text className="charter-clause-text">{clause.text}</Text>
        {clause.setting && (
          <Text size="sm" fw={500}>
            {describeSetting(clause.setting)}
          </Text>
        )}
        <ClauseAuthorship clause={clause} seats={charter.seats} />
        <Group justify="space-between" gap="xs">
          <Text size="xs" c="dimmed">
            Revision {clause.revision}
            {clause.openAmendments > 0 && (
              <>
                {" · "}
                <Anchor href="#amendments-title" size="xs">
                  {clause.openAmendments} amendment{clause.openAmendments === 1 ? "" : "s"} in progress
                </Anchor>
              </>
            )}
          </Text>
          {canPropose && (
            <Group gap="xs">
              <Button size="compact-sm" variant="light" onClick={() => onPropose({ kind: "change", clause })}>
                Propose a change
              </Button>
              {!clause.setting && (
                <Button size="compact-sm" variant="default" onClick={() => onPropose({ kind: "remove", clause })}>
                  Propose removal
                </Button>
              )}
            </Group>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

function ClauseList({ clauses, charter, canPropose, onPropose, label }: { clauses: Clause[]; charter: CharterView; canPropose: boolean; onPropose: (target: ProposalTarget) => void; label: string }) {
  return (
    <Stack component="ul" gap="xs" aria-label={label} style={{ listStyle: "none", padding: 0, margin: 0 }}>
      {clauses.map((clause) => (
        <ClauseItem key={clause.id} clause={clause} charter={charter} canPropose={canPropose} onPropose={onPropose} />
      ))}
    </Stack>
  );
}

function CharterSection({ section, clauses, charter, canPropose, onPropose }: { section: SectionKind; clauses: Clause[]; charter: CharterView; canPropose: boolean; onPropose: (target: ProposalTarget) => void }) {
  const id = `section-${section}`;
  const bySeat = section === "objectives" || section === "contributions";
  const shared = bySeat ? clauses.filter((c) => c.seatId === null) : clauses;
  const own = bySeat ? charter.seats.map((seat) => ({ seat, clauses: clauses.filter((c) => c.seatId === seat.id) })).filter((group) => group.clauses.length > 0) : [];
  return (
    <section aria-labelledby={id}>
      <Group justify="space-between" gap="xs" mb={4}>
        <Title order={2} size="h3" id={id}>
          {sectionLabels[section]}
        </Title>
        {canPropose && (
          <Button size="compact-sm" variant="default" onClick={() => onPropose({ kind: "add", section })} aria-label={`Propose a clause for ${sectionLabels[section]}`}>
            Propose a clause
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="xs">
        {sectionHelp[section]}
      </Text>
      {clauses.length === 0 ? (
        <Text size="sm" c="dimmed">
          No clause yet.
        </Text>
      ) : bySeat ? (
        <Stack gap="sm">
          {shared.length > 0 && (
            <div>
              <Title order={3} size="h5" mb={4}>
                Shared
              </Title>
              <ClauseList clauses={shared} charter={charter} canPropose={canPropose} onPropose={onPropose} label={`${sectionLabels[section]}: shared`} />
            </div>
          )}
          {own.map((group) => (
            <div key={group.seat.id}>
              <Title order={3} size="h5" mb={4} className="wrap-anywhere">
                {group.seat.name}'s own
              </Title>
              <ClauseList clauses={group.clauses} charter={charter} canPropose={canPropose} onPropose={onPropose} label={`${sectionLabels[section]}: ${group.seat.name}'s own`} />
            </div>
          ))}
        </Stack>
      ) : (
        <ClauseList clauses={clauses} charter={charter} canPropose={canPropose} onPropose={onPropose} label={sectionLabels[section]} />
      )}
    </section>
  );
}

function NoCharter({ allianceId, home }: { allianceId: string; home: AllianceHome | undefined }) {
  const start = useStartCharter(allianceId);
  const isFacilitator = home?.me.roles.includes("facilitator") ?? false;
  return (
    <Stack gap="sm">
      <EmptyState title="No charter yet">
        {isFacilitator
          ? "Start the charter: it begins empty, and every clause — purpose, scope, principles, governance, each partner's objectives and contributions — arrives as an amendment every seat ratifies."
          : "A facilitator starts the charter; then any seat's delegate proposes its clauses."}
      </EmptyState>
      <FormError error={start.error} title="The charter was not started" />
      {isFacilitator && (
        <Group>
          <Button onClick={() => start.mutate()} loading={start.isPending}>
            Start the charter
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** The living charter: sections and clauses with their authorship, renewal, rules, and the amendments in progress. */
export function CharterPage() {
  const { id = "" } = useParams();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const me = useMe();
  const asked = search.get("version");
  const version = asked !== null && /^\d+$/.test(asked) ? Number(asked) : null;
  const home = useAllianceHome(id);
  const charter = useCharter(id, version);
  const live = useCharterLive(id);
  const [target, setTarget] = useState<ProposalTarget | null>(null);
  const phone = useMediaQuery("(max-width: 36em)");
  const mySeats = delegateSeatsOf(home.data, me.id);
  usePageTitle(home.data ? `Charter · ${home.data.name}` : "Charter");

  const back = (
    <Anchor component={Link} to={`/alliances/${id}`} size="sm">
      ← {home.data?.name ?? "The alliance"}
    </Anchor>
  );
  if (charter.isPending) return <Loading label="Loading the charter…" />;
  if (charter.isError) {
    if (isApiError(charter.error, "not_found") && charter.error.details?.reason === "no_charter") {
      return (
        <Stack gap="md">
          {back}
          <Title order={1}>Charter</Title>
          <NoCharter allianceId={id} home={home.data} />
        </Stack>
      );
    }
    if (isApiError(charter.error, "validation_failed") || (isApiError(charter.error, "not_found") && version === null)) return <NotFoundPage what="alliance" />;
    return (
      <Stack gap="md">
        {back}
        <Title order={1}>Charter</Title>
        <LoadError error={charter.error} onRetry={() => void charter.refetch()} title="The charter could not be loaded" />
      </Stack>
    );
  }
  const view = charter.data;
  const canPropose = view.can.propose && view.isCurrent;
  const hasClauses = view.sections.some((s) => s.clauses.length > 0);

  return (
    <Stack gap="xl">
      <Stack gap="xs">
        {back}
        <Group justify="space-between" align="flex-start" gap="sm">
          <Group gap="sm" align="center">
            <Title order={1}>Charter</Title>
            <Badge size="lg" variant="filled" color="indigo.8">
              Version {view.version}
            </Badge>
            <LiveBadge live={live} />
          </Group>
          <Button component={Link} to={`/alliances/${id}/charter/versions`} variant="default">
            Versions and changes
          </Button>
        </Group>
        <Text size="sm" c="dimmed">
          {view.adoptedAt ? `Version ${view.version} took effect on ${formatDateTime(view.adoptedAt, me.timeZone)}.` : "The charter is empty: its clauses arrive by amendment."} Amendments are ratified when:{" "}
          {describeAmendmentRule(view.rules.amendmentRule).toLowerCase()}.
        </Text>
        {!view.isCurrent && (
          <Alert variant="light" color="orange" title={`You are reading version ${view.version}`}>
            <Group gap="xs">
              <Text size="sm">Version {view.currentVersion} is in force.</Text>
              <Button size="compact-sm" variant="default" onClick={() => navigate(`/alliances/${id}/charter`)}>
                Read the charter in force
              </Button>
            </Group>
          </Alert>
        )}
      </Stack>

      <Grid gutter="xl">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="xl">
            {view.sections.map((s) => (
              <CharterSection key={s.section} section={s.section} clauses={s.clauses} charter={view} canPropose={canPropose} onPropose={setTarget} />
            ))}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="lg">
            {view.isCurrent && <RenewalPanel allianceId={id} mySeats={mySeats} hasClauses={view.currentVersion >= 1 && hasClauses} />}
            <section aria-labelledby="authorship-title">
              <Paper withBorder p="md" radius="md">
                <Title order={2} size="h4" id="authorship-title" mb="xs">
                  Authorship
                </Title>
                <AuthorshipBalancePanel balance={view.authorship} seats={view.seats} />
              </Paper>
            </section>
          </Stack>
        </Grid.Col>
      </Grid>

      {view.isCurrent && <AmendmentList allianceId={id} timeZone={me.timeZone} canPropose={canPropose} />}

      <Modal
        fullScreen={phone}
        opened={target !== null}
        onClose={() => setTarget(null)}
        size="lg"
        title={target?.kind === "add" ? `Propose a clause for ${sectionLabels[target.section]}` : target?.kind === "remove" ? "Propose removing a clause" : "Propose a change to a clause"}
      >
        {target && (
          <ProposeAmendmentForm
            allianceId={id}
            target={target}
            mySeats={mySeats}
            onCancel={() => setTarget(null)}
            onDone={(amendment) => {
              setTarget(null);
              navigate(`/alliances/${id}/charter/amendments/${amendment.id}`);
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}
