import { Badge, VisuallyHidden } from "@mantine/core";
import { useLoopCountsEverywhere, useUnreadNotifications } from "./api";

/** The badge beside "My loops" in the navigation: how many loops wait on me (red when some are overdue). */
export function LoopsNavBadge() {
  const counts = useLoopCountsEverywhere();
  const total = counts.data?.total;
  if (!total || total.waitsOnMe === 0) return null;
  return (
    <Badge size="sm" circle={total.waitsOnMe < 10} variant="filled" color={total.overdueWaitsOnMe > 0 ? "red.9" : "blue.8"} ml={4} component="span">
      {total.waitsOnMe}
      <VisuallyHidden>{` waiting on you${total.overdueWaitsOnMe > 0 ? `, ${total.overdueWaitsOnMe} overdue` : ""}`}</VisuallyHidden>
    </Badge>
  );
}

/** The badge beside "Notifications": how many I have not read. */
export function NotificationsNavBadge() {
  const unread = useUnreadNotifications();
  const total = unread.data?.total ?? 0;
  if (total === 0) return null;
  return (
    <Badge size="sm" circle={total < 10} variant="filled" color="blue.8" ml={4} component="span">
      {total}
      <VisuallyHidden> unread</VisuallyHidden>
    </Badge>
  );
}
