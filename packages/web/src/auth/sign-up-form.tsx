import { Button, Stack, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useSignUp } from "../api/session";
import type { Me } from "../api/types";
import { fieldError, FormError } from "../components/form-errors";
import { PasswordField } from "../components/password-field";

/** Name, email and a password of at least 10 characters; creates the account and signs in. */
export function SignUpForm({ defaultEmail = "", onSignedUp, submitLabel = "Create account" }: { defaultEmail?: string; onSignedUp: (person: Me) => void; submitLabel?: string }) {
  const [displayName, setDisplayName] = useState("");
  const [email, setEmail] = useState(defaultEmail);
  const [password, setPassword] = useState("");
  const signUp = useSignUp();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signUp.mutate({ displayName, email: email.trim(), password }, { onSuccess: ({ person }) => onSignedUp(person) });
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Create an account">
      <Stack gap="md">
        <FormError error={signUp.error} fields={["displayName", "email", "password"]} title="Could not create the account" />
        <TextInput label="Your name" autoComplete="name" required value={displayName} onChange={(e) => setDisplayName(e.currentTarget.value)} error={fieldError(signUp.error, "displayName")} />
        <TextInput label="Email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={fieldError(signUp.error, "email")} />
        <PasswordField
          label="Password"
          description="At least 10 characters."
          autoComplete="new-password"
          required
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={fieldError(signUp.error, "password")}
        />
        <Button type="submit" loading={signUp.isPending}>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
