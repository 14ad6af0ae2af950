import "./charter.css";
import { sectionKinds } from "@trellis/core/charter";
import { Anchor, Badge, Checkbox, Group, NativeSelect, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { Link, useParams, useSearchParams } from "react-router";
import { useAllianceHome } from "../api/alliances";
import { isApiError } from "../api/client";
import { useMe } from "../api/session";
import { EmptyState, LoadError, Loading } from "../components/page-states";
import { usePageTitle } from "../components/page-title";
import { formatDateTime } from "../labels";
import { NotFoundPage } from "../pages/not-found-page";
import { useCharterDiff, useCharterVersions } from "./charter-api";
import { sectionLabels } from "./charter-labels";
import type { CharterDiff, ClauseChange } from "./types";
import { useCharterLive } from "./use-charter-live";
import { DiffLegend, WordDiff } from "./word-diff";

const changeLabels: Record<ClauseChange, { label: string; color: string }> = {
  added: { label: "Added", color: "teal.9" },
  removed: { label: "Removed", color: "red.9" },
  changed: { label: "Changed", color: "blue.8" },
  unchanged: { label: "Unchanged", color: "gray.7" },
};

function DiffView({ diff, showUnchanged }: { diff: CharterDiff; showUnchanged: boolean }) {
  const shown = diff.clauses.filter((c) => showUnchanged || c.change !== "unchanged" || c.settingChanged);
  if (shown.length === 0) return <EmptyState title="No differences">These two versions read the same.</EmptyState>;
  return (
    <Stack gap="lg">
      {sectionKinds.map((section) => {
        const clauses = shown.filter((c) => c.section === section);
        if (clauses.length === 0) return null;
        return (
          <div key={section}>
            <Title order={3} size="h4" mb="xs">
              {sectionLabels[section]}
            </Title>
            <Stack component="ul" gap="xs" aria-label={`Differences in ${sectionLabels[section]}`} style={{ listStyle: "none", padding: 0, margin: 0 }}>
              {clauses.map((clause) => (
                <Paper key={clause.clauseId} component="li" withBorder p="sm" radius="md">
                  <Group gap="xs" mb={4}>
                    <Badge variant="filled" color={changeLabels[clause.change].color}>
                      {changeLabels[clause.change].label}
                    </Badge>
                    {clause.seatName && (
                      <Text size="xs" c="dimmed">
                        {clause.seatName}'s own
                      </Text>
                    )}
                    {clause.settingChanged && (
                      <Text size="xs" fw={500}>
                        The rule it states changed
                      </Text>
                    )}
                  </Group>
                  <WordDiff parts={clause.parts} />
                </Paper>
              ))}
            </Stack>
          </div>
        );
      })}
    </Stack>
  );
}

/** The charter's versions, and a word-level diff between any two of them. */
export function CharterVersionsPage() {
  const { id = "" } = useParams();
  const me = useMe();
  const [search, setSearch] = useSearchParams();
  const home = useAllianceHome(id);
  const versions = useCharterVersions(id);
  useCharterLive(id);
  usePageTitle(home.data ? `Charter versions · ${home.data.name}` : "Charter versions");
  const current = versions.data?.currentVersion ?? null;
  const number = (key: string) => {
    const value = search.get(key);
    return value !== null && /^\d+$/.test(value) ? Number(value) : null;
  };
  const to = number("to") ?? current;
  const from = number("from") ?? (to !== null ? Math.max(0, to - 1) : null);
  const diff = useCharterDiff(id, current !== null && current >= 1 ? from : null, current !== null && current >= 1 ? to : null);
  const showUnchanged = search.get("all") === "1";
  const update = (changes: Record<string, string | null>) =>
    setSearch(
      (old) => {
        const next = new URLSearchParams(old);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null) next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace: true },
    );

  const back = (
    <Anchor component={Link} to={`/alliances/${id}/charter`} size="sm">
      ← The charter{home.data ? ` of ${home.data.name}` : ""}
    </Anchor>
  );
  if (versions.isPending) return <Loading label="Loading the versions…" />;
  if (versions.isError) {
    if (isApiError(versions.error, "validation_failed") || (isApiError(versions.error, "not_found") && versions.error.details?.reason !== "no_charter")) return <NotFoundPage what="alliance" />;
    return (
      <Stack gap="md">
        {back}
        <Title order={1}>Charter versions</Title>
        {isApiError(versions.error, "not_found") ? (
          <EmptyState title="No charter yet">A facilitator starts the charter from the charter page.</EmptyState>
        ) : (
          <LoadError error={versions.error} onRetry={() => void versions.refetch()} title="The versions could not be loaded" />
        )}
      </Stack>
    );
  }
  const list = versions.data;
  const options = list.items.map((v) => ({ value: String(v.version), label: `Version ${v.version}${v.version === list.currentVersion ? " (in force)" : ""}` }));

  return (
    <Stack gap="xl">
      <Stack gap="xs">
        {back}
        <Title order={1}>Charter versions</Title>
        <Text size="sm" c="dimmed">
          Every ratified amendment makes a new version. Pick any two to read what changed, word by word.
        </Text>
      </Stack>

      <section aria-labelledby="versions-title">
        <Title order={2} size="h3" id="versions-title" mb="sm">
          Versions
        </Title>
        <Table.ScrollContainer minWidth={0}>
          <Table aria-label="Charter versions, newest first" verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Version</Table.Th>
                <Table.Th scope="col">Took effect</Table.Th>
                <Table.Th scope="col">By amendment</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.items.map((v) => (
                <Table.Tr key={v.version}>
                  <Table.Td>
                    <Anchor component={Link} to={`/alliances/${id}/charter?version=${v.version}`}>
                      Version {v.version}
                    </Anchor>
                    {v.version === list.currentVersion && (
                      <Text span size="xs" c="dimmed">
                        {" "}
                        (in force)
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{v.adoptedAt ? formatDateTime(v.adoptedAt, me.timeZone) : "—"}</Table.Td>
                  <Table.Td className="wrap-anywhere">
                    {v.amendment ? (
                      <>
                        <Anchor component={Link} to={`/alliances/${id}/charter/amendments/${v.amendment.id}`}>
                          {v.amendment.title}
                        </Anchor>
                        {v.amendment.proposerSeatName && (
                          <Text span size="xs" c="dimmed">
                            {" "}
                            from {v.amendment.proposerSeatName}
                          </Text>
                        )}
                      </>
                    ) : v.version === 0 ? (
                      "The empty charter"
                    ) : (
                      "The first draft"
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </section>

      <section aria-labelledby="diff-title">
        <Title order={2} size="h3" id="diff-title" mb="sm">
          What changed
        </Title>
        {list.items.length < 2 ? (
          <EmptyState title="Only one version so far">When the first amendment is ratified, you can compare versions here.</EmptyState>
        ) : (
          <Stack gap="md">
            <Group gap="sm" align="flex-end">
              <NativeSelect label="From" value={from === null ? "" : String(from)} onChange={(e) => update({ from: e.currentTarget.value })} data={options} w={200} />
              <NativeSelect label="To" value={to === null ? "" : String(to)} onChange={(e) => update({ to: e.currentTarget.value })} data={options} w={200} />
              <Checkbox label="Show unchanged clauses" checked={showUnchanged} onChange={(e) => update({ all: e.currentTarget.checked ? "1" : null })} mb={8} />
            </Group>
            {diff.isPending ? (
              <Loading label="Comparing the versions…" />
            ) : diff.isError ? (
              <LoadError error={diff.error} onRetry={() => void diff.refetch()} title="The versions could not be compared" />
            ) : (
              <Stack gap="sm">
                <Text fw={600} role="status">
                  From version {diff.data.fromVersion} to version {diff.data.toVersion}: {diff.data.changed} changed, {diff.data.added} added, {diff.data.removed} removed.
                </Text>
                <DiffLegend />
                <DiffView diff={diff.data} showUnchanged={showUnchanged} />
              </Stack>
            )}
          </Stack>
        )}
      </section>
    </Stack>
  );
}
