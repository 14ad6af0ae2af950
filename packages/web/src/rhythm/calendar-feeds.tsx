import { Button, CopyButton, Group, List, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { useState } from "react";
import { FormError } from "../components/form-errors";
import { LoadError, Loading } from "../components/page-states";
import { formatDateTime } from "../labels";
import { useCalendarFeeds, useCreateCalendarFeed, useRevokeCalendarFeed } from "./api";

/**
 * Secret calendar URLs: for all of the person's alliances (no allianceId) or for one alliance.
 * The URL is shown once, when made (the server keeps only a hash); revoking one makes it answer
 * "not found" from then on.
 */
export function CalendarFeeds({ allianceId, timeZone, headingLevel = 2 }: { allianceId?: string; timeZone: string; headingLevel?: 2 | 3 }) {
  const feeds = useCalendarFeeds();
  const create = useCreateCalendarFeed();
  const revoke = useRevokeCalendarFeed();
  const [created, setCreated] = useState<string | null>(null);
  const mine = (feeds.data?.items ?? []).filter((f) => !f.revokedAt && (allianceId ? f.allianceId === allianceId : f.scope === "person"));
  const titleId = allianceId ? "alliance-feed-title" : "person-feed-title";
  const what = allianceId ? "this alliance's meetings" : "the meetings of all your alliances";

  return (
    <section aria-labelledby={titleId}>
      <Stack gap="sm">
        <Title order={headingLevel} size="h3" id={titleId}>
          {allianceId ? "Alliance calendar feed" : "Calendar feed"}
        </Title>
        <Text size="sm">
          A secret address your calendar app subscribes to, with {what} (cancelled ones marked cancelled). Anyone with the address can read it: revoke it if it leaks.
        </Text>
        <FormError error={create.error ?? revoke.error} title="The calendar feed could not be changed" />
        {created && (
          <Paper withBorder p="sm" radius="md" role="status" aria-labelledby={`${titleId}-new`}>
            <Stack gap="xs">
              <Text size="sm" fw={600} id={`${titleId}-new`}>
                Your new calendar address
              </Text>
              <Text size="sm">Copy it now: Trellis shows it only once.</Text>
              <TextInput label="Calendar address" readOnly value={created} onFocus={(e) => e.currentTarget.select()} styles={{ input: { fontFamily: "monospace" } }} />
              <Group gap="xs">
                <CopyButton value={created}>
                  {({ copied, copy }) => (
                    <Button size="xs" color={copied ? "teal.9" : undefined} onClick={copy}>
                      {copied ? "Copied" : "Copy address"}
                    </Button>
                  )}
                </CopyButton>
                <Button size="xs" variant="default" onClick={() => setCreated(null)}>
                  Done
                </Button>
              </Group>
            </Stack>
          </Paper>
        )}
        {feeds.isPending ? (
          <Loading label="Loading your calendar feeds…" />
        ) : feeds.isError ? (
          <LoadError error={feeds.error} onRetry={() => void feeds.refetch()} title="Your calendar feeds could not be loaded" />
        ) : mine.length === 0 ? (
          <Text size="sm" c="dimmed">
            You have no calendar address {allianceId ? "for this alliance" : "for all your alliances"} yet.
          </Text>
        ) : (
          <List size="sm" spacing="xs" aria-label={allianceId ? "Calendar addresses for this alliance" : "Calendar addresses for all your alliances"}>
            {mine.map((feed) => (
              <List.Item key={feed.id}>
                <Group gap="xs" wrap="wrap">
                  <Text size="sm">
                    Made {formatDateTime(feed.createdAt, timeZone)}
                    {feed.lastUsedAt ? `, last read ${formatDateTime(feed.lastUsedAt, timeZone)}` : ", not read yet"}
                  </Text>
                  <Button size="compact-xs" variant="default" color="red" loading={revoke.isPending && revoke.variables === feed.id} onClick={() => revoke.mutate(feed.id)}>
                    Revoke
                  </Button>
                </Group>
              </List.Item>
            ))}
          </List>
        )}
        <Group>
          <Button
            variant="default"
            loading={create.isPending}
            onClick={() => create.mutate(allianceId ? { allianceId } : {}, { onSuccess: (feed) => setCreated(feed.url) })}
          >
            {mine.length > 0 ? "Make another address" : "Make a calendar address"}
          </Button>
        </Group>
      </Stack>
    </section>
  );
}
