import { Alert, Anchor, Button, Stack, Text, TextInput } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { api } from "../api/client";
import { fieldError, FormError } from "../components/form-errors";
import { usePageTitle } from "../components/page-title";
import { AuthCard } from "./auth-card";

export function ForgotPasswordPage() {
  usePageTitle("Forgot password");
  const [email, setEmail] = useState("");
  const request = useMutation({ mutationFn: (input: { email: string }) => api.post<void>("/api/v1/password-resets", input) });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate({ email: email.trim() });
  };
  return (
    <AuthCard title="Forgot your password?">
      {request.isSuccess ? (
        <Stack>
          <Alert color="teal" variant="light" title="Check your mail" role="status">
            If an account exists for {request.variables.email}, a link to choose a new password is on its way. It works for one hour.
          </Alert>
          <Anchor component={Link} to="/sign-in" size="sm">
            Back to sign in
          </Anchor>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate aria-label="Ask for a reset link">
          <Stack>
            <Text size="sm">Give the email of your account; we will mail you a link to choose a new password.</Text>
            <FormError error={request.error} fields={["email"]} />
            <TextInput label="Email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={fieldError(request.error, "email")} />
            <Button type="submit" loading={request.isPending}>
              Send the link
            </Button>
            <Anchor component={Link} to="/sign-in" size="sm">
              Back to sign in
            </Anchor>
          </Stack>
        </form>
      )}
    </AuthCard>
  );
}
