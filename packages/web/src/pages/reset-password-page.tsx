import { Alert, Anchor, Button, Stack } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { api } from "../api/client";
import { fieldError, FormError } from "../components/form-errors";
import { PasswordField } from "../components/password-field";
import { usePageTitle } from "../components/page-title";
import { AuthCard } from "./auth-card";

export function ResetPasswordPage() {
  usePageTitle("Choose a new password");
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const navigate = useNavigate();
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const reset = useMutation({
    mutationFn: (input: { token: string; password: string }) => api.post<void>("/api/v1/password-resets/confirm", input),
    onSuccess: () => navigate("/sign-in?reset=done", { replace: true }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (password !== repeat) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    reset.mutate({ token, password });
  };
  if (!token) {
    return (
      <AuthCard title="Choose a new password">
        <Stack>
          <Alert color="red" variant="light" title="This link is incomplete" role="alert">
            The link has no reset token. Open the whole link from the mail, or ask for a new one.
          </Alert>
          <Anchor component={Link} to="/forgot-password" size="sm">
            Ask for a new link
          </Anchor>
        </Stack>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Choose a new password">
      <form onSubmit={submit} noValidate aria-label="Choose a new password">
        <Stack>
          <FormError error={reset.error} fields={["password"]} title="Could not change the password" />
          {reset.error !== null && (
            <Anchor component={Link} to="/forgot-password" size="sm">
              Ask for a new link
            </Anchor>
          )}
          <PasswordField
            label="New password"
            description="At least 10 characters."
            autoComplete="new-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={fieldError(reset.error, "password")}
          />
          <PasswordField
            label="Repeat the new password"
            autoComplete="new-password"
            required
            value={repeat}
            onChange={(e) => setRepeat(e.currentTarget.value)}
            error={mismatch ? "The two passwords differ." : undefined}
          />
          <Button type="submit" loading={reset.isPending}>
            Change password
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
