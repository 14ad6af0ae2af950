import { Anchor, AppShell, Burger, Button, Container, Drawer, Group, Stack, Text, UnstyledButton } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { Link, NavLink, Outlet, useLocation, useNavigate, useNavigation } from "react-router";
import { useEffect, type ReactNode } from "react";
import { useSession, useSignOut } from "../api/session";
import { LoopsNavBadge, NotificationsNavBadge } from "../commitments/nav-counts";
import { useFacilitatesAny } from "../health/health-api";
import { Loading } from "./page-states";

function useNavItems(): { to: string; label: string; badge?: ReactNode }[] {
  const { data } = useSession();
  const person = data?.person;
  const facilitates = useFacilitatesAny(Boolean(person));
  if (!person) return [];
  return [
    { to: "/alliances", label: "Alliances" },
    ...(facilitates ? [{ to: "/cockpit", label: "Cockpit" }] : []),
    { to: "/loops", label: "My loops", badge: <LoopsNavBadge /> },
    { to: "/notifications", label: "Notifications", badge: <NotificationsNavBadge /> },
    { to: "/account", label: "Account" },
    ...(person.isAdmin ? [{ to: "/admin", label: "Administration" }] : []),
  ];
}

function SignOutButton({ onDone }: { onDone?: () => void }) {
  const signOut = useSignOut();
  const navigate = useNavigate();
  return (
    <Button
      variant="default"
      size="xs"
      loading={signOut.isPending}
      onClick={() =>
        signOut.mutate(undefined, {
          onSuccess: () => {
            onDone?.();
            navigate("/sign-in");
          },
          onError: (error) => notifications.show({ color: "red", title: "Could not sign out", message: error.message }),
        })
      }
    >
      Sign out
    </Button>
  );
}

/** The frame of every page: a skip link, the header with navigation, and the main landmark. */
export function Layout() {
  const { data } = useSession();
  const person = data?.person ?? null;
  const items = useNavItems();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  useEffect(close, [location.pathname, close]);
  // Only a page loaded on demand (lazyPage) makes a navigation wait: say so rather than leave the last page up.
  const isLoadingPage = useNavigation().state === "loading";

  return (
    <AppShell header={{ height: 56 }} padding={0}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <AppShell.Header>
        <Container size="lg" h="100%">
          <Group h="100%" justify="space-between" wrap="nowrap">
            <Anchor component={Link} to={person ? "/alliances" : "/sign-in"} underline="never" fw={700} size="lg" c="dark">
              Trellis
            </Anchor>
            {person ? (
              <>
                <Group gap="md" visibleFrom="md" component="nav" aria-label="Main" wrap="nowrap">
                  {items.map((item) => (
                    <Anchor key={item.to} component={NavLink} to={item.to} className="nav-link">
                      {item.label}
                      {item.badge}
                    </Anchor>
                  ))}
                  <Text size="sm" c="dimmed" truncate maw={180} title={person.email}>
                    {person.displayName}
                  </Text>
                  <SignOutButton />
                </Group>
                <Burger opened={opened} onClick={toggle} hiddenFrom="md" size="sm" aria-label={opened ? "Close navigation" : "Open navigation"} aria-expanded={opened} />
              </>
            ) : (
              <Group gap="sm" component="nav" aria-label="Account">
                <Anchor component={NavLink} to="/sign-in" className="nav-link">
                  Sign in
                </Anchor>
                {data?.signupMode === "open" && (
                  <Anchor component={NavLink} to="/sign-up" className="nav-link">
                    Sign up
                  </Anchor>
                )}
              </Group>
            )}
          </Group>
        </Container>
      </AppShell.Header>
      {person && (
        <Drawer opened={opened} onClose={close} title="Trellis" position="right" size="xs" hiddenFrom="md">
          <Stack component="nav" aria-label="Main" gap="md">
            {items.map((item) => (
              <UnstyledButton key={item.to} component={NavLink} to={item.to} className="nav-link" onClick={close}>
                {item.label}
                {item.badge}
              </UnstyledButton>
            ))}
            <Text size="sm">Signed in as {person.displayName}</Text>
            <SignOutButton onDone={close} />
          </Stack>
        </Drawer>
      )}
      <AppShell.Main id="main" tabIndex={-1}>
        <Container size="lg" py="lg" px="md">
          {isLoadingPage ? <Loading /> : <Outlet />}
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
