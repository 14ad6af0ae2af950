import { Anchor, Button, Stack, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { useSignIn } from "../api/session";
import type { Me } from "../api/types";
import { fieldError, FormError } from "../components/form-errors";
import { PasswordField } from "../components/password-field";

/** Email and password; the API's message shows above the fields when they are not right. */
export function SignInForm({ defaultEmail = "", onSignedIn }: { defaultEmail?: string; onSignedIn: (person: Me) => void }) {
  const [email, setEmail] = useState(defaultEmail);
  const [password, setPassword] = useState("");
  const signIn = useSignIn();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ email: email.trim(), password }, { onSuccess: ({ person }) => onSignedIn(person) });
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Sign in">
      <Stack gap="md">
        <FormError error={signIn.error} fields={["email", "password"]} title="Could not sign in" />
        <TextInput label="Email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={fieldError(signIn.error, "email")} />
        <PasswordField label="Password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={fieldError(signIn.error, "password")} />
        <Button type="submit" loading={signIn.isPending}>
          Sign in
        </Button>
        <Anchor component={Link} to="/forgot-password" size="sm">
          Forgot your password?
        </Anchor>
      </Stack>
    </form>
  );
}
