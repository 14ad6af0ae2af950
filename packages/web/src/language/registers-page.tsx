import { Anchor, Paper, SimpleGrid, Stack, Text } from "@mantine/core";
import { Link } from "react-router";
import { registerPaths } from "./api";
import { PageHead, WithAlliance } from "./language-shell";
import { registerHelp, registerNames } from "./language-labels";
import type { RegisterKind } from "./types";

const kinds: RegisterKind[] = ["breakdown", "tension", "assumption", "learning"];

/** The four registers of the alliance's language, each with what it is for. */
export function RegistersPage() {
  return (
    <WithAlliance title="Registers">
      {(home) => (
        <Stack gap="lg">
          <PageHead
            home={home}
            title="Registers"
            help="Wisdom in an alliance comes from surfacing differences and working through them, not from hiding conflict. These registers make that candor ordinary: each record is on the alliance's history, searchable, and linked to what it touches."
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {kinds.map((kind) => (
              <Paper key={kind} withBorder p="md" radius="md" component="li">
                <Stack gap={6}>
                  <Anchor component={Link} to={`/alliances/${home.id}/${registerPaths[kind]}`} fw={600} size="lg">
                    {registerNames[kind].plural}
                  </Anchor>
                  <Text size="sm">{registerHelp[kind]}</Text>
                </Stack>
              </Paper>
            ))}
          </SimpleGrid>
        </Stack>
      )}
    </WithAlliance>
  );
}
