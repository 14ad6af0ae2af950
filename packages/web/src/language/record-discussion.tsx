import { Anchor, Button, Group, List, Paper, Stack, Text, Textarea, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { fieldError, FormError } from "../components/form-errors";
import { formatDateTime } from "../labels";
import { useComment } from "./api";
import { isRegisterKind, recordPath } from "./language-shell";
import { registerNames } from "./language-labels";
import type { RecordExtras, RegisterKind } from "./types";

const relationLabels: Record<string, string> = { closed_by: "Closed by", supports: "Rests on", learned_from: "Learned from", related: "Related to" };
const typeLabels: Record<string, string> = { commitment: "a commitment", proposal: "a proposal", meeting: "a meeting", breakdown: "a breakdown", tension: "a tension", assumption: "an assumption", learning: "a learning" };

/** The records a register record links to, and the register records linking to it. */
export function RecordLinks({ allianceId, record, titles = {} }: { allianceId: string; record: RecordExtras; titles?: Record<string, string> }) {
  if (record.links.length === 0 && record.linkedFrom.length === 0) return null;
  return (
    <section aria-labelledby="links-title">
      <Title order={2} size="h4" id="links-title" mb="xs">
        Linked records
      </Title>
      <List size="sm" spacing={4}>
        {record.links.map((link) => (
          <List.Item key={link.id}>
            {relationLabels[link.relation] ?? "Linked to"}{" "}
            {isRegisterKind(link.type) ? (
              <Anchor component={Link} to={recordPath(allianceId, link.type, link.recordId)}>
                {titles[link.recordId] ?? registerNames[link.type].singular.toLowerCase()}
              </Anchor>
            ) : (
              <Text span>{titles[link.recordId] ? `${typeLabels[link.type]?.replace(/^an? /, "") ?? link.type} “${titles[link.recordId]}”` : (typeLabels[link.type] ?? link.type)}</Text>
            )}
          </List.Item>
        ))}
        {record.linkedFrom.map((from) => (
          <List.Item key={from.linkId}>
            {registerNames[from.recordType].singular}{" "}
            <Anchor component={Link} to={recordPath(allianceId, from.recordType, from.recordId)} className="wrap-anywhere">
              {from.title}
            </Anchor>{" "}
            <Text span size="xs" c="dimmed">
              ({(relationLabels[from.relation] ?? "linked").toLowerCase()} this)
            </Text>
          </List.Item>
        ))}
      </List>
    </section>
  );
}

/** The signed discussion of a record, oldest first, and a box to add to it. */
export function RecordDiscussion({ allianceId, kind, recordId, record, canComment, timeZone, hint }: { allianceId: string; kind: RegisterKind; recordId: string; record: RecordExtras; canComment: boolean; timeZone: string; hint?: string }) {
  const [body, setBody] = useState("");
  const comment = useComment(allianceId, kind, recordId);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    comment.mutate({ body }, { onSuccess: () => setBody("") });
  };
  return (
    <section aria-labelledby="discussion-title">
      <Title order={2} size="h4" id="discussion-title" mb="xs">
        Discussion
      </Title>
      <Stack gap="sm">
        {record.comments.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nobody has said anything yet.
          </Text>
        ) : (
          <Stack gap="xs" component="ol" aria-label="Comments, oldest first" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {record.comments.map((c) => (
              <Paper key={c.id} withBorder p="sm" radius="md" component="li">
                <Text size="sm" className="wrap-anywhere" style={{ whiteSpace: "pre-line" }}>
                  {c.body}
                </Text>
                <Text size="xs" c="dimmed">
                  {c.author.displayName} · <time dateTime={c.createdAt}>{formatDateTime(c.createdAt, timeZone)}</time>
                </Text>
              </Paper>
            ))}
          </Stack>
        )}
        {canComment && (
          <form onSubmit={submit} noValidate aria-label="Add to the discussion">
            <Stack gap="xs">
              <FormError error={comment.error} fields={["body"]} title="Could not add your comment" />
              <Textarea label="Your comment" description={hint ?? "Comments are signed with your name."} autosize minRows={2} value={body} onChange={(e) => setBody(e.currentTarget.value)} error={fieldError(comment.error, "body")} />
              <Group justify="flex-end">
                <Button type="submit" loading={comment.isPending} disabled={body.trim() === ""}>
                  Add comment
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </section>
  );
}
