import { Alert, Anchor, Stack, Text } from "@mantine/core";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { useSession } from "../api/session";
import { SignUpForm } from "../auth/sign-up-form";
import { Loading } from "../components/page-states";
import { usePageTitle } from "../components/page-title";
import { AuthCard } from "./auth-card";
import { safeNext } from "./sign-in-page";

export function SignUpPage() {
  usePageTitle("Create an account");
  const session = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get("next"));
  if (session.isPending) return <Loading />;
  if (session.data?.person) return <Navigate to={next} replace />;
  if (session.data?.signupMode === "invitation") {
    return (
      <AuthCard title="Create an account">
        <Stack>
          <Alert color="blue" variant="light" title="By invitation only">
            This Trellis accepts new accounts by invitation only. Open the link in the invitation mail you received: you can create your account right there.
          </Alert>
          <Text size="sm">
            Already have an account?{" "}
            <Anchor component={Link} to="/sign-in">
              Sign in
            </Anchor>
          </Text>
        </Stack>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Create an account">
      <Stack>
        <SignUpForm onSignedUp={() => navigate(next, { replace: true })} />
        <Text size="sm">
          Already have an account?{" "}
          <Anchor component={Link} to="/sign-in">
            Sign in
          </Anchor>
        </Text>
      </Stack>
    </AuthCard>
  );
}
