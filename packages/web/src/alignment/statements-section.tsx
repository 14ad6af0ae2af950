import { Badge, Button, Group, SegmentedControl, Stack, Text, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState, type FormEvent } from "react";
import { isApiError } from "../api/client";
import { fieldError, FormError } from "../components/form-errors";
import { EmptyState, LoadError, Loading } from "../components/page-states";
import { useAddAlignmentStatement, useAlignmentStatements, useModerateAlignmentStatement } from "./alignment-api";
import { moderationColors, moderationLabels, voteLabels } from "./alignment-labels";
import type { AlignmentMap, AlignmentModeration, AlignmentModerationOutcome, AlignmentStatement } from "./alignment-types";

const outcomes: { moderation: AlignmentModerationOutcome; label: string; help: string }[] = [
  { moderation: "accepted", label: "Accept", help: "open for voting" },
  { moderation: "rejected", label: "Reject", help: "hidden from partners and left out of the map" },
  { moderation: "meta", label: "Meta", help: "about the conversation itself: voted on, but left out of the groups" },
];

/** Adds a statement: a facilitator's is open for voting at once, others wait for moderation. */
function AddStatementForm({ allianceId, map }: { allianceId: string; map: AlignmentMap }) {
  const [body, setBody] = useState("");
  const add = useAddAlignmentStatement(allianceId, map.id);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      { body: body.trim() },
      {
        onSuccess: (statement) => {
          setBody("");
          notifications.show({
            color: "teal",
            title: "Statement added",
            message: statement.moderation === "pending" ? "A facilitator will review it before it is open for voting." : "It is open for voting now.",
          });
        },
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Add a statement">
      <Stack gap="sm">
        <FormError error={add.error} fields={["body"]} title="Could not add the statement" />
        <Textarea
          label="Your statement"
          description={`One short claim others can agree or disagree with (up to 400 characters). It never shows who wrote it.${map.can.moderate ? "" : " A facilitator reviews it first."}`}
          autosize
          minRows={2}
          maxLength={400}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          error={fieldError(add.error, "body")}
        />
        <Group>
          <Button type="submit" loading={add.isPending} disabled={body.trim().length === 0}>
            Add statement
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A facilitator's moderation buttons for one statement; a stale version says someone else moderated it. */
function ModerationButtons({ allianceId, map, statement }: { allianceId: string; map: AlignmentMap; statement: AlignmentStatement }) {
  const moderate = useModerateAlignmentStatement(allianceId, map.id);
  const stale = isApiError(moderate.error, "stale_version");
  return (
    <Stack gap={4}>
      <Group gap="xs">
        {outcomes
          .filter((o) => o.moderation !== statement.moderation)
          .map((o) => (
            <Button
              key={o.moderation}
              size="compact-sm"
              variant={o.moderation === "accepted" ? "filled" : "default"}
              title={`${o.label}: ${o.help}`}
              aria-label={`${o.label} statement ${statement.number}`}
              loading={moderate.isPending && moderate.variables?.moderation === o.moderation}
              disabled={moderate.isPending}
              onClick={() => moderate.mutate({ statementId: statement.id, version: statement.version, moderation: o.moderation }, { onSuccess: () => moderate.reset() })}
            >
              {o.label}
            </Button>
          ))}
      </Group>
      {moderate.error !== null && (
        <FormError error={moderate.error} title={stale ? "Someone else moderated this statement" : "Could not moderate"} />
      )}
      {stale && (
        <Text size="xs">The list now shows their choice; choose again if you still disagree.</Text>
      )}
    </Stack>
  );
}

function StatementItem({ allianceId, map, statement }: { allianceId: string; map: AlignmentMap; statement: AlignmentStatement }) {
  return (
    <li aria-label={`Statement ${statement.number}`}>
      <Stack gap={6} py="xs" style={{ borderBottom: "1px solid var(--mantine-color-gray-3)" }}>
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
          <Text size="sm" className="wrap-anywhere" style={{ minWidth: 0 }}>
            <Text span fw={600}>
              {statement.number}.
            </Text>{" "}
            {statement.body}
          </Text>
          <Badge variant="filled" color={moderationColors[statement.moderation]} style={{ flexShrink: 0 }}>
            {moderationLabels[statement.moderation]}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed">
          {statement.isMine ? "You wrote this. " : ""}
          {statement.myVote ? `Your vote: ${voteLabels[statement.myVote]}.` : ""}
        </Text>
        {map.can.moderate && <ModerationButtons allianceId={allianceId} map={map} statement={statement} />}
      </Stack>
    </li>
  );
}

/** The map's statements: facilitators filter to those waiting and moderate; others see what is open for voting and their own. */
export function StatementsSection({ allianceId, map }: { allianceId: string; map: AlignmentMap }) {
  const [filter, setFilter] = useState<"pending" | "all">(map.can.moderate && map.counts.pending > 0 ? "pending" : "all");
  const moderation: AlignmentModeration | undefined = map.can.moderate && filter === "pending" ? "pending" : undefined;
  const statements = useAlignmentStatements(allianceId, map.id, moderation);
  const items = statements.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section aria-labelledby="statements-title">
      <Group justify="space-between" mb="sm" gap="sm">
        <Title order={2} size="h3" id="statements-title">
          Statements
        </Title>
        {map.can.moderate && (
          <SegmentedControl
            size="xs"
            aria-label="Which statements"
            value={filter}
            onChange={(value) => setFilter(value as "pending" | "all")}
            data={[
              { value: "pending", label: `Waiting (${map.counts.pending})` },
              { value: "all", label: "All" },
            ]}
          />
        )}
      </Group>
      {map.can.moderate && (
        <Text size="sm" mb="sm">
          As facilitator you moderate: accept a statement to open it for voting, reject what is off-topic or hurtful, mark as meta what speaks about the conversation itself.
        </Text>
      )}
      <Stack gap="lg">
        {map.can.addStatement && <AddStatementForm allianceId={allianceId} map={map} />}
        {statements.isPending ? (
          <Loading label="Loading the statements…" />
        ) : statements.isError ? (
          <LoadError error={statements.error} onRetry={() => void statements.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState title={moderation === "pending" ? "Nothing waits for moderation" : "No statements yet"}>
            {moderation === "pending" ? "New statements from participants will show here." : map.can.addStatement ? "Add the first one above." : "Statements will show here once they are added."}
          </EmptyState>
        ) : (
          <Stack gap={0} component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }} aria-label={moderation === "pending" ? "Statements waiting for moderation" : "Statements"}>
            {items.map((statement) => (
              <StatementItem key={statement.id} allianceId={allianceId} map={map} statement={statement} />
            ))}
          </Stack>
        )}
        {statements.hasNextPage && (
          <Group justify="center">
            <Button variant="default" onClick={() => void statements.fetchNextPage()} loading={statements.isFetchingNextPage}>
              Load more statements
            </Button>
          </Group>
        )}
      </Stack>
    </section>
  );
}
