import { Anchor, Badge, Button, Checkbox, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import { useMe } from "../api/session";
import { FormError } from "../components/form-errors";
import { EmptyState, LoadError, Loading } from "../components/page-states";
import { usePageTitle } from "../components/page-title";
import { formatDateTime } from "../labels";
import { useMarkNotificationsRead, useNotifications } from "./api";
import type { Notification } from "./types";

function NotificationItem({ notification, timeZone, onOpen }: { notification: Notification; timeZone: string; onOpen: (n: Notification) => void }) {
  const unread = notification.readAt === null;
  return (
    <Paper withBorder p="sm" radius="md" component="li" aria-label={notification.title}>
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
          {notification.path ? (
            <Anchor component={Link} to={notification.path} fw={unread ? 700 : 500} className="wrap-anywhere" onClick={() => onOpen(notification)}>
              {notification.title}
            </Anchor>
          ) : (
            <Text fw={unread ? 700 : 500} className="wrap-anywhere">
              {notification.title}
            </Text>
          )}
          {unread && (
            <Badge size="sm" variant="filled" color="blue.8" style={{ flexShrink: 0 }}>
              New
            </Badge>
          )}
        </Group>
        {notification.body && (
          <Text size="sm" className="wrap-anywhere" style={{ whiteSpace: "pre-line" }}>
            {notification.body}
          </Text>
        )}
        <Text size="xs" c="dimmed" component="time" dateTime={notification.createdAt}>
          {formatDateTime(notification.createdAt, timeZone)}
        </Text>
      </Stack>
    </Paper>
  );
}

/** My notifications: moves addressed to me, reminders, overdue loops; newest first. */
export function NotificationsPage() {
  const me = useMe();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useNotifications(unreadOnly);
  const mark = useMarkNotificationsRead();
  usePageTitle("Notifications");
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const unreadCount = list.data?.pages[0]?.unreadCount ?? 0;
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <Title order={1}>Notifications</Title>
        {unreadCount > 0 && (
          <Button variant="default" onClick={() => mark.mutate({ all: true })} loading={mark.isPending}>
            Mark all read
          </Button>
        )}
      </Group>
      <FormError error={mark.error} title="Could not mark them read" />
      <Checkbox label="Unread only" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.currentTarget.checked)} />
      {list.isPending ? (
        <Loading label="Loading your notifications…" />
      ) : list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={unreadOnly ? "All read" : "No notifications yet"}>When a partner makes a move addressed to you, or a loop of yours runs late, it shows here and in your mail.</EmptyState>
      ) : (
        <Stack gap="xs">
          <Stack component="ul" gap="xs" aria-label="Notifications, newest first" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {items.map((n) => (
              <NotificationItem key={n.id} notification={n} timeZone={me.timeZone} onOpen={(opened) => opened.readAt === null && mark.mutate({ ids: [opened.id] })} />
            ))}
          </Stack>
          {list.hasNextPage && (
            <Button variant="default" size="xs" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} style={{ alignSelf: "flex-start" }}>
              Load more
            </Button>
          )}
        </Stack>
      )}
    </Stack>
  );
}
