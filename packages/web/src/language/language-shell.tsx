import { Anchor, Badge, Group, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { Link, NavLink, useParams } from "react-router";
import { isApiError } from "../api/client";
import { useAllianceHome } from "../api/alliances";
import type { AllianceHome } from "../api/types";
import { LoadError, Loading } from "../components/page-states";
import { usePageTitle } from "../components/page-title";
import type { LiveState } from "../live/use-alliance-events";
import { NotFoundPage } from "../pages/not-found-page";
import { registerPaths } from "./api";
import { registerNames } from "./language-labels";
import type { RegisterKind } from "./types";

/** The alliance of the page's :id: loads its home (name, seats, my roles) or shows why it cannot. */
export function WithAlliance({ title, children }: { title: string; children: (home: AllianceHome) => ReactNode }) {
  const { id = "" } = useParams();
  const home = useAllianceHome(id);
  usePageTitle(home.data ? `${title} · ${home.data.name}` : title);
  if (home.isPending) return <Loading label="Loading the alliance…" />;
  if (home.isError) {
    if (isApiError(home.error, "not_found") || isApiError(home.error, "validation_failed")) return <NotFoundPage what="alliance" />;
    return <LoadError error={home.error} onRetry={() => void home.refetch()} title="The alliance could not be loaded" />;
  }
  return <>{children(home.data)}</>;
}

/** A back link, the page's one h1, a live badge and an optional line of help. */
export function PageHead({ home, title, back, live, help, actions }: { home: AllianceHome; title: string; back?: { to: string; label: string }; live?: LiveState; help?: ReactNode; actions?: ReactNode }) {
  return (
    <Stack gap="xs">
      <Anchor component={Link} to={back?.to ?? `/alliances/${home.id}`} size="sm">
        ← {back?.label ?? home.name}
      </Anchor>
      <Group justify="space-between" align="flex-start" gap="sm">
        <Group gap="sm" style={{ minWidth: 0 }}>
          <Title order={1} className="wrap-anywhere">
            {title}
          </Title>
          {live && (
            <Badge variant="dot" color={live === "live" ? "teal" : "gray"}>
              {live === "live" ? "Live" : live === "reconnecting" ? "Reconnecting…" : "Connecting…"}
            </Badge>
          )}
        </Group>
        {actions}
      </Group>
      {help && (
        <Text size="sm" c="dimmed" maw={760}>
          {help}
        </Text>
      )}
    </Stack>
  );
}

/** Links between the four registers. */
export function RegisterNav({ allianceId }: { allianceId: string }) {
  const kinds: RegisterKind[] = ["breakdown", "tension", "assumption", "learning"];
  return (
    <Group component="nav" aria-label="Registers" gap="md">
      {kinds.map((kind) => (
        <Anchor key={kind} component={NavLink} to={`/alliances/${allianceId}/${registerPaths[kind]}`} end className="nav-link">
          {registerNames[kind].plural}
        </Anchor>
      ))}
    </Group>
  );
}

/** A record's page: its path in the app. */
export function recordPath(allianceId: string, kind: RegisterKind, id: string): string {
  return `/alliances/${allianceId}/${registerPaths[kind]}/${id}`;
}

/** True for the register kinds this app has pages for. */
export function isRegisterKind(type: string): type is RegisterKind {
  return type === "breakdown" || type === "tension" || type === "assumption" || type === "learning";
}

/** Whether I may record in the registers (facilitators, delegates and members). */
export function mayRecord(home: AllianceHome): boolean {
  return home.me.roles.some((role) => role === "facilitator" || role === "delegate" || role === "member");
}

/** Seat names by id, from the alliance home. */
export function seatOptions(home: AllianceHome): { value: string; label: string }[] {
  return home.seats.map((seat) => ({ value: seat.id, label: seat.organization.name }));
}
