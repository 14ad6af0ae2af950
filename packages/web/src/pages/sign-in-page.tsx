import { Anchor, Stack, Text } from "@mantine/core";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { useSession } from "../api/session";
import { SignInForm } from "../auth/sign-in-form";
import { usePageTitle } from "../components/page-title";
import { AuthCard } from "./auth-card";

/** Only same-site paths may follow a sign-in (no open redirects). */
export function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/alliances";
}

export function SignInPage() {
  usePageTitle("Sign in");
  const { data } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get("next"));
  if (data?.person) return <Navigate to={next} replace />;
  return (
    <AuthCard title="Sign in to Trellis">
      <Stack>
        {params.get("reset") === "done" && (
          <Text size="sm" role="status">
            Your password is changed. Sign in with the new one.
          </Text>
        )}
        <SignInForm onSignedIn={() => navigate(next, { replace: true })} />
        {data?.signupMode === "open" ? (
          <Text size="sm">
            New to Trellis?{" "}
            <Anchor component={Link} to={`/sign-up${params.get("next") ? `?next=${encodeURIComponent(next)}` : ""}`}>
              Create an account
            </Anchor>
          </Text>
        ) : (
          <Text size="sm">New accounts here come with an invitation: open the link in the mail you were sent.</Text>
        )}
      </Stack>
    </AuthCard>
  );
}
