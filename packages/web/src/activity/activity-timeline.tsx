import { Badge, Button, Group, Stack, Text, Timeline, Title, VisuallyHidden } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { allianceKeys, prependActivity, useActivity } from "../api/alliances";
import type { ActivityItem, AllianceHome } from "../api/types";
import { EmptyState, LoadError, Loading } from "../components/page-states";
import { type LiveState, useAllianceEvents } from "../live/use-alliance-events";
import { formatDateTime } from "../labels";
import { describeActivity, namesFromHome } from "./describe-activity";

/** Event types after which the alliance home (seats, people, stage) or the invitations change. */
const changesHome = /^(alliance|seat|person|membership)\./;
const changesInvitations = /^(invitation|person)\./;

/**
 * Event types the timeline leaves out: an alignment map records one event per vote and per
 * recomputation, which would drown everything else (the map's own pages show them). The server
 * leaves them out of the pages; live items are filtered here.
 */
const hiddenFromTimeline = ["alignment.vote_cast", "alignment.recomputed"] as const;
const hidden: ReadonlySet<string> = new Set(hiddenFromTimeline);

/** True when the timeline tells this item. */
export function isShownInTimeline(item: ActivityItem): boolean {
  return !hidden.has(item.type);
}

/**
 * Keeps the activity live: each streamed item goes to the top of the list (once), and the home
 * and invitations refresh when the item changes them. After a dropped connection the list is
 * fetched again, so nothing missed stays missing.
 */
function useLiveActivity(allianceId: string, onItem: (item: ActivityItem) => void): LiveState {
  const queryClient = useQueryClient();
  const onEvent = useCallback(
    (item: ActivityItem) => {
      if (isShownInTimeline(item)) queryClient.setQueryData(allianceKeys.events(allianceId), (old: Parameters<typeof prependActivity>[0]) => prependActivity(old, item));
      if (changesHome.test(item.type)) void queryClient.invalidateQueries({ queryKey: allianceKeys.home(allianceId), exact: true });
      if (changesInvitations.test(item.type)) void queryClient.invalidateQueries({ queryKey: allianceKeys.invitations(allianceId) });
      onItem(item);
    },
    [allianceId, queryClient, onItem],
  );
  const onReconnect = useCallback(() => void queryClient.invalidateQueries({ queryKey: allianceKeys.events(allianceId) }), [allianceId, queryClient]);
  return useAllianceEvents(allianceId, onEvent, onReconnect);
}

/** The alliance's story so far, newest first, in plain sentences; new events appear at the top live. */
export function ActivityTimeline({ home, timeZone }: { home: AllianceHome; timeZone: string }) {
  const activity = useActivity(home.id, hiddenFromTimeline);
  const [arrived, setArrived] = useState<{ seqs: ReadonlySet<number>; announcement: string }>({ seqs: new Set(), announcement: "" });
  const names = useMemo(() => namesFromHome(home), [home]);
  const namesRef = useRef(names);
  useEffect(() => {
    namesRef.current = names;
  }, [names]);
  const onItem = useMemo(
    () => (item: ActivityItem) => {
      if (isShownInTimeline(item)) setArrived((old) => ({ seqs: new Set([...old.seqs, item.seq]), announcement: `New activity: ${describeActivity(item, namesRef.current, timeZone)}` }));
    },
    [timeZone],
  );
  const live = useLiveActivity(home.id, onItem);
  const items = activity.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section aria-labelledby="activity-title">
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Title order={2} size="h3" id="activity-title">
          Activity
        </Title>
        <Badge variant="dot" color={live === "live" ? "teal" : "gray"} title={live === "live" ? "New activity appears here as it happens." : "Waiting for the live connection."}>
          {live === "live" ? "Live" : live === "reconnecting" ? "Reconnecting…" : "Connecting…"}
        </Badge>
      </Group>
      <VisuallyHidden aria-live="polite" role="status">
        {arrived.announcement}
      </VisuallyHidden>
      {activity.isPending ? (
        <Loading label="Loading the activity…" />
      ) : activity.isError ? (
        <LoadError error={activity.error} onRetry={() => void activity.refetch()} />
      ) : items.length === 0 && !activity.hasNextPage ? (
        <EmptyState title="Nothing has happened yet">What partners do here — seats taken, people joining, changes — will be told in this timeline.</EmptyState>
      ) : (
        <Stack gap="md">
          <Timeline bulletSize={14} lineWidth={2} role="list" aria-label="Activity, newest first">
            {items.map((item) => (
              <Timeline.Item key={item.seq} role="listitem" className={arrived.seqs.has(item.seq) ? "timeline-item-new" : undefined}>
                <Text size="sm" className="wrap-anywhere">
                  {describeActivity(item, names, timeZone)}
                </Text>
                <Text size="xs" c="dimmed" component="time" dateTime={item.occurredAt}>
                  {formatDateTime(item.occurredAt, timeZone)}
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
          {activity.hasNextPage && (
            <Group justify="center">
              <Button variant="default" onClick={() => void activity.fetchNextPage()} loading={activity.isFetchingNextPage}>
                Load earlier activity
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </section>
  );
}
