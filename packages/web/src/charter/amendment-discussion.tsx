import { Button, Group, Paper, Stack, Text, Textarea, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { FormError } from "../components/form-errors";
import { fieldProblem } from "./field-problem";
import { EmptyState, LoadError, Loading } from "../components/page-states";
import { formatDateTime } from "../labels";
import { useAmendmentComments, useCommentOnAmendment } from "./charter-api";

/** The amendment's discussion thread, oldest first, and a box to add to it. */
export function AmendmentDiscussion({ allianceId, amendmentId, canComment, timeZone }: { allianceId: string; amendmentId: string; canComment: boolean; timeZone: string }) {
  const comments = useAmendmentComments(allianceId, amendmentId);
  const post = useCommentOnAmendment(allianceId, amendmentId);
  const [body, setBody] = useState("");
  const items = comments.data?.pages.flatMap((page) => page.items) ?? [];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    post.mutate({ body }, { onSuccess: () => setBody("") });
  };
  return (
    <section aria-labelledby="discussion-title">
      <Title order={2} size="h3" id="discussion-title" mb="sm">
        Discussion
      </Title>
      <Stack gap="sm">
        {comments.isPending ? (
          <Loading label="Loading the discussion…" />
        ) : comments.isError ? (
          <LoadError error={comments.error} onRetry={() => void comments.refetch()} title="The discussion could not be loaded" />
        ) : items.length === 0 ? (
          <EmptyState title="No messages yet">{canComment ? "Ask a question or suggest a better wording below." : "Messages about this amendment will appear here."}</EmptyState>
        ) : (
          <Stack component="ol" gap="xs" aria-label="Messages, oldest first" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {items.map((comment) => (
              <Paper key={comment.id} component="li" withBorder p="sm" radius="md">
                <Text size="sm" fw={600} className="wrap-anywhere">
                  {comment.author.displayName}
                  {comment.seatName ? (
                    <Text span size="xs" c="dimmed" fw={400}>
                      {" "}
                      for {comment.seatName}
                    </Text>
                  ) : null}
                </Text>
                <Text size="sm" className="charter-clause-text">
                  {comment.body}
                </Text>
                <Text size="xs" c="dimmed" component="time" dateTime={comment.createdAt}>
                  {formatDateTime(comment.createdAt, timeZone)}
                </Text>
              </Paper>
            ))}
          </Stack>
        )}
        {comments.hasNextPage && (
          <Group justify="center">
            <Button variant="default" onClick={() => void comments.fetchNextPage()} loading={comments.isFetchingNextPage}>
              Load more messages
            </Button>
          </Group>
        )}
        {canComment && (
          <form onSubmit={submit} noValidate aria-label="Add to the discussion">
            <Stack gap="xs">
              <FormError error={post.error} fields={["body"]} title="Your message was not posted" />
              <Textarea label="Your message" required autosize minRows={2} maxLength={4000} value={body} onChange={(e) => setBody(e.currentTarget.value)} error={fieldProblem(post.error, "body")} />
              <Group justify="flex-end">
                <Button type="submit" loading={post.isPending}>
                  Post message
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </section>
  );
}
