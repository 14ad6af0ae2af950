import { Accordion, Badge, Button, Code, Group, Paper, Radio, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api } from "../api/client";
import { sessionKey, useMe } from "../api/session";
import type { OutboxMail, SignupMode } from "../api/types";
import { FormError } from "../components/form-errors";
import { EmptyState, LoadError, Loading } from "../components/page-states";
import { usePageTitle } from "../components/page-title";
import { formatDateTime } from "../labels";
import { NotFoundPage } from "./not-found-page";

function SignupModeForm({ current }: { current: SignupMode }) {
  const [mode, setMode] = useState<SignupMode>(current);
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (signupMode: SignupMode) => api.patch<{ signupMode: SignupMode }>("/api/v1/instance", { signupMode }),
    onSuccess: async (result) => {
      queryClient.setQueryData(["admin", "instance"], result);
      await queryClient.invalidateQueries({ queryKey: sessionKey });
      notifications.show({ color: "teal", title: "Saved", message: result.signupMode === "open" ? "Anyone can create an account." : "New accounts need an invitation." });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(mode);
  };
  return (
    <form onSubmit={submit} aria-labelledby="signup-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="signup-title">
          Sign-up
        </Title>
        <FormError error={save.error} title="Could not save" />
        <Radio.Group value={mode} onChange={(value) => setMode(value as SignupMode)} label="Who may create an account" name="signupMode">
          <Stack gap="xs" mt="xs">
            <Radio value="open" label="Anyone (open sign-up)" />
            <Radio value="invitation" label="Only people with an invitation" />
          </Stack>
        </Radio.Group>
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} disabled={mode === current}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Outbox({ timeZone }: { timeZone: string }) {
  const outbox = useQuery({ queryKey: ["admin", "outbox"], queryFn: () => api.get<{ items: OutboxMail[] }>("/api/v1/outbox", { limit: 100 }) });
  return (
    <section aria-labelledby="outbox-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3" id="outbox-title">
          Mail outbox
        </Title>
        <Button variant="default" size="xs" onClick={() => void outbox.refetch()} loading={outbox.isFetching && !outbox.isPending}>
          Refresh
        </Button>
      </Group>
      <Text size="sm" mb="sm">
        The last 100 mails Trellis sent or kept. Without an SMTP server, mail waits here: copy links from it by hand.
      </Text>
      {outbox.isPending ? (
        <Loading label="Loading the outbox…" />
      ) : outbox.isError ? (
        <LoadError error={outbox.error} onRetry={() => void outbox.refetch()} />
      ) : outbox.data.items.length === 0 ? (
        <EmptyState title="No mail yet">Invitations and password resets appear here once Trellis sends them.</EmptyState>
      ) : (
        <Accordion variant="separated">
          {outbox.data.items.map((mail) => (
            <Accordion.Item key={mail.id} value={mail.id}>
              <Accordion.Control>
                <Stack gap={2}>
                  <Group gap="xs" wrap="wrap">
                    <Text size="sm" fw={500} className="wrap-anywhere">
                      {mail.subject}
                    </Text>
                    {mail.error ? (
                      <Badge color="red.9" variant="filled">
                        Failed
                      </Badge>
                    ) : mail.sentAt ? (
                      <Badge color="teal.9" variant="filled">
                        Sent
                      </Badge>
                    ) : (
                      <Badge color="gray.7" variant="filled">
                        Kept
                      </Badge>
                    )}
                  </Group>
                  <Text size="xs" c="dimmed" className="wrap-anywhere">
                    To {mail.to} · {formatDateTime(mail.createdAt, timeZone)}
                  </Text>
                </Stack>
              </Accordion.Control>
              <Accordion.Panel>
                {mail.error && (
                  <Text size="sm" c="red.8" mb="xs">
                    {mail.error}
                  </Text>
                )}
                <Code block className="wrap-anywhere" style={{ whiteSpace: "pre-wrap" }}>
                  {mail.text}
                </Code>
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      )}
    </section>
  );
}

/** The instance's administration; anyone else sees "Page not found" (with that title, too). */
export function AdminPage() {
  const me = useMe();
  return me.isAdmin ? <Administration timeZone={me.timeZone} /> : <NotFoundPage />;
}

function Administration({ timeZone }: { timeZone: string }) {
  usePageTitle("Administration");
  const instance = useQuery({ queryKey: ["admin", "instance"], queryFn: () => api.get<{ signupMode: SignupMode }>("/api/v1/instance") });
  return (
    <Stack gap="lg">
      <Title order={1}>Administration</Title>
      <Paper withBorder p="md" radius="md">
        {instance.isPending ? <Loading /> : instance.isError ? <LoadError error={instance.error} onRetry={() => void instance.refetch()} /> : <SignupModeForm key={instance.data.signupMode} current={instance.data.signupMode} />}
      </Paper>
      <Outbox timeZone={timeZone} />
    </Stack>
  );
}
