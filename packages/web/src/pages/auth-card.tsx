import { Paper, Stack, Title } from "@mantine/core";
import type { ReactNode } from "react";

/** The narrow card the sign-in, sign-up and password pages sit in. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack maw={420} mx="auto" mt="md">
      <Title order={1} size="h2">
        {title}
      </Title>
      <Paper withBorder p="lg" radius="md">
        {children}
      </Paper>
    </Stack>
  );
}
