import { Badge, Group, Stack, Text } from "@mantine/core";
import { useInvitations } from "../api/alliances";
import type { AllianceHome, InvitationStatus } from "../api/types";
import { EmptyState, LoadError, Loading } from "../components/page-states";
import { formatDate, labelOf, roleLabels } from "../labels";

// Shades dark enough for white text at 4.5:1.
const statusColors: Record<InvitationStatus, string> = { pending: "blue.8", accepted: "teal.9", revoked: "gray.7", expired: "red.9" };
const statusLabels: Record<InvitationStatus, string> = { pending: "Pending", accepted: "Accepted", revoked: "Withdrawn", expired: "Expired" };

/** Invitations of the alliance that the viewer may see (facilitators all, delegates their seats'). */
export function InvitationList({ home, timeZone }: { home: AllianceHome; timeZone: string }) {
  const invitations = useInvitations(home.id, home.can.invite);
  const seatName = (seatId: string | null) => (seatId ? (home.seats.find((seat) => seat.id === seatId)?.organization.name ?? "a seat") : null);
  if (invitations.isPending) return <Loading label="Loading invitations…" />;
  if (invitations.isError) return <LoadError error={invitations.error} onRetry={() => void invitations.refetch()} />;
  const items = invitations.data.items;
  if (items.length === 0) return <EmptyState title="No invitations yet">Invite the people who will act for each seat; their invitations and whether they accepted show here.</EmptyState>;
  return (
    <Stack gap="xs" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }} aria-label="Invitations">
      {items.map((invitation) => {
        const seat = seatName(invitation.seatId);
        return (
          <li key={invitation.id}>
            <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={500} className="wrap-anywhere">
                  {invitation.email}
                </Text>
                <Text size="xs" c="dimmed">
                  {labelOf(roleLabels, invitation.role)}
                  {seat ? ` for ${seat}` : ""} · sent {formatDate(invitation.createdAt, timeZone)}
                  {invitation.status === "pending" ? ` · valid until ${formatDate(invitation.expiresAt, timeZone)}` : ""}
                </Text>
              </div>
              <Badge color={statusColors[invitation.status]} variant="filled" style={{ flexShrink: 0 }}>
                {statusLabels[invitation.status]}
              </Badge>
            </Group>
          </li>
        );
      })}
    </Stack>
  );
}
