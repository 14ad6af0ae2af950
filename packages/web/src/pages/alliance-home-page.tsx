import { Anchor, Badge, Button, Card, Grid, Group, List, Modal, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { isApiError } from "../api/client";
import { useAllianceHome } from "../api/alliances";
import { useMe } from "../api/session";
import type { AllianceHome, Seat } from "../api/types";
import { ActivityTimeline } from "../activity/activity-timeline";
import { AddSeatForm } from "../alliance/add-seat-form";
import { allianceSections } from "../capabilities";
import { EditAllianceForm } from "../alliance/edit-alliance-form";
import { InvitationList } from "../alliance/invitation-list";
import { InviteForm } from "../alliance/invite-form";
import { SeatWeightForm } from "../alliance/seat-weight-form";
import { EmptyState, LoadError, Loading } from "../components/page-states";
import { usePageTitle } from "../components/page-title";
import { formatWeight, kindLabels, labelOf, roleLabels, stageColors, stageLabels } from "../labels";
import { NotFoundPage } from "./not-found-page";

function SeatCard({ home, seat, onEditWeight }: { home: AllianceHome; seat: Seat; onEditWeight: (seat: Seat) => void }) {
  const mine = home.me.seatIds.includes(seat.id);
  return (
    <Card withBorder radius="md" padding="md" component="li" aria-label={`Seat of ${seat.organization.name}`}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
          <Anchor component={Link} to={`/organizations/${seat.organization.id}`} fw={600} className="wrap-anywhere">
            {seat.organization.name}
          </Anchor>
          {mine && (
            <Badge variant="filled" color="indigo.8" style={{ flexShrink: 0 }}>
              Your seat
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {labelOf(kindLabels, seat.organization.kind)}
          {seat.organization.sector ? ` · ${seat.organization.sector}` : ""}
        </Text>
        <Group gap="xs">
          <Text size="sm">Weight {formatWeight(seat.weight)}</Text>
          <Anchor component={Link} to={`/alliances/${home.id}/commitments/ledger/${seat.id}`} size="sm" aria-label={`Ledger of ${seat.organization.name}`}>
            Ledger
          </Anchor>
          {home.can.addSeat && (
            <Button variant="subtle" size="compact-xs" onClick={() => onEditWeight(seat)} aria-label={`Change the weight of ${seat.organization.name}'s seat`}>
              Change
            </Button>
          )}
        </Group>
        {seat.people.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nobody acts for this seat yet{home.can.invite ? ": invite its delegate." : "."}
          </Text>
        ) : (
          <List size="sm" spacing={2} aria-label={`People of ${seat.organization.name}`}>
            {seat.people.map((person) => (
              <List.Item key={person.id}>
                {person.displayName} <Text span size="xs" c="dimmed">({person.roles.map((r) => labelOf(roleLabels, r)).join(", ")})</Text>
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Card>
  );
}

function PeopleWithoutSeat({ home }: { home: AllianceHome }) {
  return (
    <section aria-labelledby="roles-title">
      <Title order={2} size="h3" id="roles-title" mb="sm">
        Facilitators and other roles
      </Title>
      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <div>
            <Text size="sm" fw={600}>
              Facilitators
            </Text>
            {home.facilitators.length === 0 ? (
              <Text size="sm" c="dimmed">
                No facilitator.
              </Text>
            ) : (
              <List size="sm">
                {home.facilitators.map((person) => (
                  <List.Item key={person.id}>{person.displayName}</List.Item>
                ))}
              </List>
            )}
          </div>
          {home.others.length > 0 && (
            <div>
              <Text size="sm" fw={600}>
                Without a seat
              </Text>
              <List size="sm">
                {home.others.map((person) => (
                  <List.Item key={`${person.id}:${person.role}`}>
                    {person.displayName}{" "}
                    <Text span size="xs" c="dimmed">
                      ({labelOf(roleLabels, person.role)})
                    </Text>
                  </List.Item>
                ))}
              </List>
            </div>
          )}
        </Stack>
      </Paper>
    </section>
  );
}

export function AllianceHomePage() {
  const { id = "" } = useParams();
  const me = useMe();
  const home = useAllianceHome(id);
  const [editing, setEditing] = useState(false);
  const [addingSeat, setAddingSeat] = useState(false);
  const [weightSeat, setWeightSeat] = useState<Seat | null>(null);
  // Dialogs take the whole screen on a phone.
  const phone = useMediaQuery("(max-width: 36em)");
  usePageTitle(home.data?.name ?? "Alliance");

  if (home.isPending) return <Loading label="Loading the alliance…" />;
  if (home.isError) {
    if (isApiError(home.error, "not_found") || isApiError(home.error, "validation_failed")) return <NotFoundPage what="alliance" />;
    return <LoadError error={home.error} onRetry={() => void home.refetch()} title="The alliance could not be loaded" />;
  }
  const alliance = home.data;
  const myRoles = alliance.me.roles.map((r) => labelOf(roleLabels, r)).join(", ");

  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <Anchor component={Link} to="/alliances" size="sm">
          ← All alliances
        </Anchor>
        <Group justify="space-between" align="flex-start" gap="sm">
          <Group gap="sm" align="center" style={{ minWidth: 0 }}>
            <Title order={1} className="wrap-anywhere">
              {alliance.name}
            </Title>
            <Badge size="lg" variant="filled" color={stageColors[alliance.stage] ?? "gray.7"}>
              {labelOf(stageLabels, alliance.stage)}
            </Badge>
          </Group>
          {alliance.can.update && (
            <Button variant="default" onClick={() => setEditing(true)}>
              Edit alliance
            </Button>
          )}
        </Group>
        {alliance.purpose ? (
          <Text className="wrap-anywhere" style={{ whiteSpace: "pre-line" }}>
            {alliance.purpose}
          </Text>
        ) : (
          <Text c="dimmed">{alliance.can.update ? "No purpose written yet. Use “Edit alliance” to say why these organizations work together." : "No purpose written yet."}</Text>
        )}
        {myRoles && (
          <Text size="sm" c="dimmed">
            You are here as: {myRoles}
          </Text>
        )}
      </Stack>

      {allianceSections.length > 0 && (
        <nav aria-label="In this alliance">
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {allianceSections.map((section) => (
              <Paper key={section.label} withBorder p="sm" radius="md" component="li">
                <Anchor component={Link} to={section.path(alliance.id)} fw={600}>
                  {section.label}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {section.description}
                </Text>
              </Paper>
            ))}
          </SimpleGrid>
        </nav>
      )}

      <Grid gutter="xl">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="xl">
            <section aria-labelledby="seats-title">
              <Group justify="space-between" mb="sm">
                <Title order={2} size="h3" id="seats-title">
                  Seats
                </Title>
                {alliance.can.addSeat && <Button onClick={() => setAddingSeat(true)}>Add a seat</Button>}
              </Group>
              {alliance.seats.length === 0 ? (
                <EmptyState title="No seats yet">
                  {alliance.can.addSeat ? "Give each partner organization a seat with “Add a seat”, then invite its people." : "The facilitator has not given any organization a seat yet."}
                </EmptyState>
              ) : (
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
                  {alliance.seats.map((seat) => (
                    <SeatCard key={seat.id} home={alliance} seat={seat} onEditWeight={setWeightSeat} />
                  ))}
                </SimpleGrid>
              )}
            </section>
            <PeopleWithoutSeat home={alliance} />
            {alliance.can.invite && (
              <section aria-labelledby="invite-title">
                <Title order={2} size="h3" id="invite-title" mb="sm">
                  Invite someone
                </Title>
                <Paper withBorder p="md" radius="md">
                  <InviteForm home={alliance} />
                </Paper>
                <Title order={3} size="h4" mt="lg" mb="sm">
                  Invitations
                </Title>
                <InvitationList home={alliance} timeZone={me.timeZone} />
              </section>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <ActivityTimeline home={alliance} timeZone={me.timeZone} />
        </Grid.Col>
      </Grid>

      <Modal fullScreen={phone} opened={editing} onClose={() => setEditing(false)} title="Edit the alliance" size="lg">
        {editing && <EditAllianceForm home={alliance} onDone={() => setEditing(false)} onReload={() => home.refetch()} />}
      </Modal>
      <Modal fullScreen={phone} opened={addingSeat} onClose={() => setAddingSeat(false)} title="Add a seat" size="lg">
        {addingSeat && <AddSeatForm home={alliance} onDone={() => setAddingSeat(false)} />}
      </Modal>
      <Modal fullScreen={phone} opened={weightSeat !== null} onClose={() => setWeightSeat(null)} title={weightSeat ? `Weight of ${weightSeat.organization.name}` : "Seat weight"}>
        {weightSeat && <SeatWeightForm home={alliance} seat={weightSeat} onDone={() => setWeightSeat(null)} />}
      </Modal>
    </Stack>
  );
}
