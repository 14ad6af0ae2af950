import { Alert, Anchor, Button, Paper, Stack, Tabs, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "react-router";
import { api, isApiError } from "../api/client";
import { allianceKeys } from "../api/alliances";
import { useSession } from "../api/session";
import type { InvitationPreview } from "../api/types";
import { SignInForm } from "../auth/sign-in-form";
import { SignUpForm } from "../auth/sign-up-form";
import { FormError } from "../components/form-errors";
import { LoadError, Loading } from "../components/page-states";
import { usePageTitle } from "../components/page-title";
import { formatDate, labelOf, roleLabels } from "../labels";

function Offer({ invitation }: { invitation: InvitationPreview }) {
  const role = labelOf(roleLabels, invitation.role).toLowerCase();
  return (
    <Stack gap={4}>
      <Text size="lg">
        <strong>{invitation.invitedBy}</strong> invites you to join <strong>{invitation.allianceName}</strong> as {role}
        {invitation.seatName ? (
          <>
            {" "}
            for <strong>{invitation.seatName}</strong>
          </>
        ) : null}
        .
      </Text>
      <Text size="sm" c="dimmed" className="wrap-anywhere">
        Sent to {invitation.email} · valid until {formatDate(invitation.expiresAt)}
      </Text>
    </Stack>
  );
}

/** An invitation link: what it offers; sign in or create an account right here; then accept. */
export function InvitationPage() {
  usePageTitle("Invitation");
  const { token = "" } = useParams();
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const preview = useQuery({ queryKey: ["invitation", token], queryFn: () => api.get<InvitationPreview>(`/api/v1/invitations/${encodeURIComponent(token)}`), staleTime: Infinity });
  const accept = useMutation({
    mutationFn: () => api.post<{ allianceId: string }>(`/api/v1/invitations/${encodeURIComponent(token)}/accept`),
    onSuccess: async ({ allianceId }) => {
      await queryClient.invalidateQueries({ queryKey: allianceKeys.list });
      navigate(`/alliances/${allianceId}`, { replace: true });
    },
  });

  if (preview.isPending || session.isPending) return <Loading label="Opening the invitation…" />;
  if (preview.isError) {
    const invalid = isApiError(preview.error, "invalid_token") || isApiError(preview.error, "validation_failed") || isApiError(preview.error, "not_found");
    return (
      <Stack maw={560} mx="auto" mt="md">
        <Title order={1} size="h2">
          Invitation
        </Title>
        {invalid ? (
          <Alert color="orange" variant="light" title="This invitation cannot be used" role="alert">
            It was used already, withdrawn, or it expired. Ask the person who invited you for a new one.
          </Alert>
        ) : (
          <LoadError error={preview.error} onRetry={() => void preview.refetch()} />
        )}
        <Anchor component={Link} to={session.data?.person ? "/alliances" : "/sign-in"}>
          {session.data?.person ? "Go to your alliances" : "Go to sign in"}
        </Anchor>
      </Stack>
    );
  }
  const invitation = preview.data;
  const person = session.data?.person ?? null;
  const otherEmail = person && person.email.toLowerCase() !== invitation.email.toLowerCase();

  return (
    <Stack maw={560} mx="auto" mt="md" gap="md">
      <Title order={1} size="h2">
        You are invited
      </Title>
      <Paper withBorder p="lg" radius="md">
        <Offer invitation={invitation} />
      </Paper>
      {person ? (
        <Paper withBorder p="lg" radius="md">
          <Stack gap="sm">
            <Text size="sm">
              Signed in as <strong>{person.displayName}</strong> ({person.email}).
            </Text>
            {otherEmail && (
              <Alert color="yellow" variant="light" title="A different email">
                This invitation was sent to {invitation.email}. If you accept, {person.email} takes the role. Sign out first to accept with another account.
              </Alert>
            )}
            <FormError error={accept.error} title="Could not accept the invitation" />
            <Button onClick={() => accept.mutate()} loading={accept.isPending}>
              Accept invitation
            </Button>
          </Stack>
        </Paper>
      ) : (
        <Paper withBorder p="lg" radius="md">
          <Stack gap="sm">
            <Text size="sm">To accept, create your Trellis account or sign in.</Text>
            <Tabs defaultValue="sign-up" keepMounted={false}>
              <Tabs.List grow>
                <Tabs.Tab value="sign-up">I am new to Trellis</Tabs.Tab>
                <Tabs.Tab value="sign-in">I have an account</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="sign-up" pt="md">
                <SignUpForm defaultEmail={invitation.email} onSignedUp={() => undefined} submitLabel="Create account" />
              </Tabs.Panel>
              <Tabs.Panel value="sign-in" pt="md">
                <SignInForm defaultEmail={invitation.email} onSignedIn={() => undefined} />
              </Tabs.Panel>
            </Tabs>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
