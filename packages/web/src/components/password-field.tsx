import { PasswordInput, type PasswordInputProps } from "@mantine/core";

/** Mantine's PasswordInput, plus aria-invalid on the input when it shows an error (Mantine sets only data-invalid). */
export function PasswordField(props: PasswordInputProps) {
  return <PasswordInput {...props} aria-invalid={props.error ? true : undefined} />;
}
