import { Button, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMemo, useState, type FormEvent } from "react";
import { isApiError } from "../api/client";
import { useMe, useUpdateMe } from "../api/session";
import type { Me } from "../api/types";
import { fieldError, FormError } from "../components/form-errors";
import { PasswordField } from "../components/password-field";
import { usePageTitle } from "../components/page-title";
import { CalendarFeeds } from "../rhythm/calendar-feeds";

function timeZones(current: string): string[] {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return [...new Set(["UTC", current, ...zones])];
}

function ProfileForm({ me }: { me: Me }) {
  const [displayName, setDisplayName] = useState(me.displayName);
  const [timeZone, setTimeZone] = useState(me.timeZone);
  const update = useUpdateMe();
  const zones = useMemo(() => timeZones(me.timeZone), [me.timeZone]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ version: me.version, displayName, timeZone }, { onSuccess: () => notifications.show({ color: "teal", title: "Saved", message: "Your name and time zone are saved." }) });
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="profile-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="profile-title">
          Name and time zone
        </Title>
        <FormError error={update.error} fields={["displayName", "timeZone"]} title={isApiError(update.error, "stale_version") ? "Your account changed elsewhere; reload the page" : "Could not save"} />
        <TextInput label="Email" value={me.email} readOnly description="Your email is your sign-in; it cannot be changed here." />
        <TextInput label="Your name" required value={displayName} onChange={(e) => setDisplayName(e.currentTarget.value)} error={fieldError(update.error, "displayName")} />
        <Select
          label="Time zone"
          description="Dates and times show in this zone."
          searchable
          limit={50}
          data={zones}
          value={timeZone}
          onChange={(value) => value && setTimeZone(value)}
          allowDeselect={false}
          error={fieldError(update.error, "timeZone")}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={update.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function PasswordForm({ me }: { me: Me }) {
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const update = useUpdateMe();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (newPassword !== repeat) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    update.mutate(
      { version: me.version, currentPassword, newPassword },
      {
        onSuccess: () => {
          setCurrentPassword("");
          setNewPassword("");
          setRepeat("");
          notifications.show({ color: "teal", title: "Password changed", message: "Use the new password next time you sign in." });
        },
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="password-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="password-title">
          Password
        </Title>
        <FormError error={update.error} fields={["currentPassword", "newPassword"]} title="Could not change the password" />
        <PasswordField label="Current password" autoComplete="current-password" required value={currentPassword} onChange={(e) => setCurrentPassword(e.currentTarget.value)} error={fieldError(update.error, "currentPassword")} />
        <PasswordField
          label="New password"
          description="At least 10 characters."
          autoComplete="new-password"
          required
          value={newPassword}
          onChange={(e) => setNewPassword(e.currentTarget.value)}
          error={fieldError(update.error, "newPassword")}
        />
        <PasswordField label="Repeat the new password" autoComplete="new-password" required value={repeat} onChange={(e) => setRepeat(e.currentTarget.value)} error={mismatch ? "The two passwords differ." : undefined} />
        <Group justify="flex-end">
          <Button type="submit" loading={update.isPending}>
            Change password
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function AccountPage() {
  usePageTitle("Account");
  const me = useMe();
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>Account</Title>
        <Text>
          Signed in as {me.displayName} ({me.email}){me.isAdmin ? ", administrator of this Trellis" : ""}.
        </Text>
      </Stack>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Paper withBorder p="md" radius="md">
          <ProfileForm key={me.version} me={me} />
        </Paper>
        <Paper withBorder p="md" radius="md">
          <PasswordForm me={me} />
        </Paper>
        <Paper withBorder p="md" radius="md">
          <CalendarFeeds timeZone={me.timeZone} />
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}
