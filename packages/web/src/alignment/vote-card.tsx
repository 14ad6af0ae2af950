import { Anchor, Blockquote, Button, Group, Paper, Progress, Stack, Text, Title } from "@mantine/core";
import { useEffect, useRef, type KeyboardEvent } from "react";
import { Link } from "react-router";
import { isApiError } from "../api/client";
import { FormError } from "../components/form-errors";
import { LoadError, Loading } from "../components/page-states";
import { useCastAlignmentVote, useNextAlignmentStatement } from "./alignment-api";
import { formatProgress, voteLabels } from "./alignment-labels";
import type { AlignmentMap, AlignmentVote } from "./alignment-types";

const voteKeys: Record<string, AlignmentVote> = { a: "agree", d: "disagree", p: "pass" };
const voteColors: Record<AlignmentVote, string> = { agree: "teal.9", disagree: "red.9", pass: "gray.7" };

/**
 * Voting, one statement at a time: agree, disagree or pass, with my progress ("7 of 20").
 * Keyboard: Tab to the buttons, or press A, D or P anywhere in the card; after each vote the
 * focus moves to the next statement (or to the "all done" note) so a screen reader reads it.
 */
export function VoteCard({ allianceId, map }: { allianceId: string; map: AlignmentMap }) {
  const next = useNextAlignmentStatement(allianceId, map.id, map.can.vote);
  const cast = useCastAlignmentVote(allianceId, map.id);
  const statementRef = useRef<HTMLQuoteElement>(null);
  const votedOnce = useRef(false);
  const current = next.data?.statement ?? null;

  const doneRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (votedOnce.current) (statementRef.current ?? doneRef.current)?.focus();
  }, [current?.id]);

  const vote = (choice: AlignmentVote) => {
    if (!current || cast.isPending) return;
    votedOnce.current = true;
    cast.mutate(
      { statementId: current.id, vote: choice },
      {
        onError: (error) => {
          // The statement was moderated out or the map closed meanwhile: show what is open now.
          if (isApiError(error, "not_found") || isApiError(error, "conflict")) void next.refetch();
        },
      },
    );
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const choice = voteKeys[event.key.toLowerCase()];
    if (!choice) return;
    event.preventDefault();
    vote(choice);
  };

  if (!map.can.vote) {
    return (
      <Text size="sm" c="dimmed">
        {map.status === "closed" ? "This map is closed: voting has ended." : "Delegates and members of the seats vote; facilitators, observers and counsel follow the results."}
      </Text>
    );
  }
  if (next.isPending) return <Loading label="Loading the next statement…" />;
  if (next.isError) return <LoadError error={next.error} onRetry={() => void next.refetch()} />;
  const { progress } = next.data;

  return (
    <Stack gap="sm">
      <div>
        <Group justify="space-between" mb={4}>
          <Text size="sm" fw={500} id="vote-progress-label">
            Your progress
          </Text>
          <Text size="sm">{formatProgress(progress.voted, progress.total)}</Text>
        </Group>
        <Progress.Root>
          <Progress.Section value={progress.total === 0 ? 0 : (progress.voted / progress.total) * 100} aria-labelledby="vote-progress-label" aria-valuetext={`${formatProgress(progress.voted, progress.total)} statements`} />
        </Progress.Root>
      </div>
      {current ? (
        <Paper withBorder radius="md" p="md" onKeyDown={onKeyDown} role="group" aria-label="Vote on this statement">
          <Stack gap="sm">
            <Text size="xs" c="dimmed">
              Statement {current.number}
              {current.moderation === "meta" ? " · about the conversation itself" : ""}
            </Text>
            <Blockquote ref={statementRef} tabIndex={-1} p="sm" color="blue.8" className="wrap-anywhere">
              {current.body}
            </Blockquote>
            <FormError error={cast.error} title="Your vote was not saved" />
            <Group gap="sm">
              {(Object.keys(voteLabels) as AlignmentVote[]).map((choice) => (
                <Button key={choice} color={voteColors[choice]} variant={choice === "pass" ? "outline" : "filled"} onClick={() => vote(choice)} disabled={cast.isPending} aria-keyshortcuts={choice[0]?.toUpperCase()}>
                  {voteLabels[choice]}
                </Button>
              ))}
            </Group>
            <Text size="xs" c="dimmed">
              Keys: A agree · D disagree · P pass. Nobody sees how you voted; the map shows only groups.
            </Text>
          </Stack>
        </Paper>
      ) : progress.total === 0 ? (
        <Text size="sm">No statement is open for voting yet. Add one below, or wait for a facilitator to accept some.</Text>
      ) : (
        <Paper ref={doneRef} tabIndex={-1} withBorder radius="md" p="md" role="status">
          <Text size="sm" fw={500}>
            You have voted on every statement open for voting.
          </Text>
          <Text size="sm">
            New statements will show here as they are accepted.{" "}
            <Anchor component={Link} to={`/alliances/${allianceId}/alignment/${map.id}/results`}>
              See where everyone stands
            </Anchor>
            .
          </Text>
        </Paper>
      )}
    </Stack>
  );
}

export function VoteSection({ allianceId, map }: { allianceId: string; map: AlignmentMap }) {
  return (
    <section aria-labelledby="vote-title">
      <Title order={2} size="h3" id="vote-title" mb="sm">
        Vote
      </Title>
      <VoteCard allianceId={allianceId} map={map} />
    </section>
  );
}
