import { Anchor, Badge, Button, Card, Collapse, Group, Paper, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { useAlliances, useCreateAlliance } from "../api/alliances";
import type { AllianceSummary } from "../api/types";
import { fieldError, FormError } from "../components/form-errors";
import { EmptyState, LoadError, Loading } from "../components/page-states";
import { usePageTitle } from "../components/page-title";
import { labelOf, stageColors, stageLabels } from "../labels";

function CreateAllianceForm({ onCancel }: { onCancel: () => void }) {
  const [name, setName] = useState("");
  const [purpose, setPurpose] = useState("");
  const create = useCreateAlliance();
  const navigate = useNavigate();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name, ...(purpose.trim() ? { purpose } : {}) }, { onSuccess: (home) => navigate(`/alliances/${home.id}`) });
  };
  return (
    <Paper withBorder p="md" radius="md">
      <form onSubmit={submit} noValidate aria-labelledby="create-alliance-title">
        <Stack gap="sm">
          <Title order={2} size="h4" id="create-alliance-title">
            Start an alliance
          </Title>
          <Text size="sm">You become its facilitator: you can give organizations seats and invite their people.</Text>
          <FormError error={create.error} fields={["name", "purpose"]} title="Could not start the alliance" />
          <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldError(create.error, "name")} />
          <Textarea label="Purpose" description="Why these organizations work together. You can change it later." autosize minRows={2} value={purpose} onChange={(e) => setPurpose(e.currentTarget.value)} error={fieldError(create.error, "purpose")} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Start alliance
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function AllianceCard({ alliance }: { alliance: AllianceSummary }) {
  return (
    <Card withBorder radius="md" padding="md" component="li">
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Anchor component={Link} to={`/alliances/${alliance.id}`} fw={600} size="lg" className="wrap-anywhere">
            {alliance.name}
          </Anchor>
          <Badge color={stageColors[alliance.stage] ?? "gray.7"} variant="filled" style={{ flexShrink: 0 }}>
            {labelOf(stageLabels, alliance.stage)}
          </Badge>
        </Group>
        {alliance.purpose ? (
          <Text size="sm" lineClamp={3}>
            {alliance.purpose}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            No purpose written yet.
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {alliance.seatCount} {alliance.seatCount === 1 ? "seat" : "seats"} · {alliance.eventCount} {alliance.eventCount === 1 ? "event" : "events"}
        </Text>
      </Stack>
    </Card>
  );
}

export function AlliancesPage() {
  usePageTitle("Alliances");
  const alliances = useAlliances();
  const [creating, { open, close }] = useDisclosure(false);
  const items = alliances.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="center">
        <Title order={1}>Alliances</Title>
        {!creating && <Button onClick={open}>Start an alliance</Button>}
      </Group>
      <Collapse in={creating}>{creating && <CreateAllianceForm onCancel={close} />}</Collapse>
      <section aria-labelledby="my-alliances">
        <Title order={2} size="h4" id="my-alliances" mb="sm">
          Where you hold a role
        </Title>
        {alliances.isPending ? (
          <Loading label="Loading your alliances…" />
        ) : alliances.isError ? (
          <LoadError error={alliances.error} onRetry={() => void alliances.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState title="No alliances yet">
            You hold no role in any alliance. Start one with “Start an alliance”, or open the invitation link a facilitator sent you.
          </EmptyState>
        ) : (
          <Stack gap="sm" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {items.map((alliance) => (
              <AllianceCard key={alliance.id} alliance={alliance} />
            ))}
          </Stack>
        )}
        {alliances.hasNextPage && (
          <Group justify="center" mt="md">
            <Button variant="default" onClick={() => void alliances.fetchNextPage()} loading={alliances.isFetchingNextPage}>
              Load more alliances
            </Button>
          </Group>
        )}
      </section>
    </Stack>
  );
}
