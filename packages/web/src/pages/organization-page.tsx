import { organizationKinds, type OrganizationKind } from "@trellis/core";
import { Anchor, Button, Group, List, Modal, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useState, type FormEvent } from "react";
import { Link, useParams } from "react-router";
import { isApiError } from "../api/client";
import { useOrganization, useUpdateOrganization } from "../api/alliances";
import { useMe } from "../api/session";
import type { OrganizationDetail } from "../api/types";
import { fieldError, FormError } from "../components/form-errors";
import { EmptyState, LoadError, Loading } from "../components/page-states";
import { usePageTitle } from "../components/page-title";
import { kindLabels, labelOf } from "../labels";
import { NotFoundPage } from "./not-found-page";

function EditOrganizationForm({ organization, onDone }: { organization: OrganizationDetail; onDone: () => void }) {
  const [name, setName] = useState(organization.name);
  const [kind, setKind] = useState<OrganizationKind>(organization.kind);
  const [sector, setSector] = useState(organization.sector);
  const [website, setWebsite] = useState(organization.website);
  const update = useUpdateOrganization(organization.id);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ version: organization.version, name, kind, sector: sector.trim(), website: website.trim() }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Edit the organization">
      <Stack gap="sm">
        <FormError error={update.error} fields={["name", "kind", "sector", "website"]} title={isApiError(update.error, "stale_version") ? "Someone else changed the organization; close and open again" : "Could not save"} />
        <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldError(update.error, "name")} />
        <NativeSelect label="Kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as OrganizationKind)} data={organizationKinds.map((k) => ({ value: k, label: kindLabels[k] }))} error={fieldError(update.error, "kind")} />
        <TextInput label="Sector" value={sector} onChange={(e) => setSector(e.currentTarget.value)} error={fieldError(update.error, "sector")} />
        <TextInput label="Website" placeholder="https://…" value={website} onChange={(e) => setWebsite(e.currentTarget.value)} error={fieldError(update.error, "website")} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={update.isPending}>
            Save changes
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function OrganizationPage() {
  const { id = "" } = useParams();
  const me = useMe();
  const organization = useOrganization(id);
  const [editing, setEditing] = useState(false);
  // Dialogs take the whole screen on a phone.
  const phone = useMediaQuery("(max-width: 36em)");
  usePageTitle(organization.data?.name ?? "Organization");

  if (organization.isPending) return <Loading label="Loading the organization…" />;
  if (organization.isError) {
    if (isApiError(organization.error, "not_found") || isApiError(organization.error, "validation_failed")) return <NotFoundPage what="organization" />;
    return <LoadError error={organization.error} onRetry={() => void organization.refetch()} />;
  }
  const org = organization.data;
  const canEdit = me.isAdmin || org.people.some((person) => person.id === me.id);

  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start">
          <Title order={1} className="wrap-anywhere">
            {org.name}
          </Title>
          {canEdit && (
            <Button variant="default" onClick={() => setEditing(true)}>
              Edit organization
            </Button>
          )}
        </Group>
        <Text>
          {labelOf(kindLabels, org.kind)}
          {org.sector ? ` · ${org.sector}` : ""}
        </Text>
        {org.website ? (
          <Anchor href={org.website} target="_blank" rel="noopener noreferrer" className="wrap-anywhere">
            {org.website}
          </Anchor>
        ) : (
          <Text size="sm" c="dimmed">
            No website given.
          </Text>
        )}
      </Stack>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xl">
        <section aria-labelledby="org-people-title">
          <Title order={2} size="h3" id="org-people-title" mb="sm">
            People
          </Title>
          {org.people.length === 0 ? (
            <EmptyState title="Nobody yet">People join an organization when they accept an invitation into one of its seats.</EmptyState>
          ) : (
            <Paper withBorder p="md" radius="md">
              <List size="sm" spacing={4}>
                {org.people.map((person) => (
                  <List.Item key={person.id}>
                    {person.displayName}
                    {person.title ? (
                      <Text span size="xs" c="dimmed">
                        {" "}
                        · {person.title}
                      </Text>
                    ) : null}
                  </List.Item>
                ))}
              </List>
            </Paper>
          )}
        </section>
        <section aria-labelledby="org-alliances-title">
          <Title order={2} size="h3" id="org-alliances-title" mb="sm">
            Alliances
          </Title>
          {org.alliances.length === 0 ? (
            <EmptyState title="No shared alliances">This organization holds no seat in an alliance you take part in.</EmptyState>
          ) : (
            <Paper withBorder p="md" radius="md">
              <List size="sm" spacing={4}>
                {org.alliances.map((alliance) => (
                  <List.Item key={alliance.seatId}>
                    <Anchor component={Link} to={`/alliances/${alliance.id}`}>
                      {alliance.name}
                    </Anchor>
                  </List.Item>
                ))}
              </List>
            </Paper>
          )}
        </section>
      </SimpleGrid>
      <Modal fullScreen={phone} opened={editing} onClose={() => setEditing(false)} title="Edit the organization">
        {editing && <EditOrganizationForm organization={org} onDone={() => setEditing(false)} />}
      </Modal>
    </Stack>
  );
}
