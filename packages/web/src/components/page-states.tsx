import { Alert, Button, Center, Loader, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { ApiError } from "../api/client";

/** A spinner with words for screen readers. */
export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader size="md" aria-hidden />
        <Text size="sm">{label}</Text>
      </Stack>
    </Center>
  );
}

/** A failed load: the API's message and a way to try again. */
export function LoadError({ error, onRetry, title = "This could not be loaded" }: { error: unknown; onRetry?: () => void; title?: string }) {
  const message = error instanceof ApiError ? error.message : "Something went wrong. Try again.";
  return (
    <Alert color="red" variant="light" title={title} role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{message}</Text>
        {onRetry && (
          <Button size="xs" variant="default" onClick={onRetry}>
            Try again
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

/** An empty list, with a line that says what to do next. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Stack gap={4} py="md" px="md" style={{ border: "1px dashed var(--mantine-color-gray-4)", borderRadius: "var(--mantine-radius-md)" }}>
      <Text fw={600}>{title}</Text>
      {children && <Text size="sm">{children}</Text>}
    </Stack>
  );
}
