import { Button, Group, List, NativeSelect, Paper, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useState, type FormEvent, type ReactNode } from "react";
import { isApiError } from "../api/client";
import { fieldError, FormError } from "../components/form-errors";
import { LoadError, Loading } from "../components/page-states";
import { formatDateTime } from "../labels";
import { useEditMinutes, useMinutes } from "./api";
import type { Meeting, Minutes } from "./types";

const unescape = (text: string) => text.replace(/^\\([#>*+-]|\d+\.)/, "$1");

/**
 * The minutes' Markdown as headings, paragraphs and lists (the server writes only these), with
 * headings under the section's own.
 */
export function MinutesText({ markdown }: { markdown: string }) {
  const blocks: ReactNode[] = [];
  let list: string[] = [];
  const flush = () => {
    if (list.length) {
      const items = list;
      blocks.push(
        <List key={`l${blocks.length}`} size="sm" spacing={2}>
          {items.map((text, i) => (
            <List.Item key={i} className="wrap-anywhere">
              {unescape(text)}
            </List.Item>
          ))}
        </List>,
      );
    }
    list = [];
  };
  for (const line of markdown.split("\n")) {
    const heading = /^(#{1,3}) (.*)$/.exec(line);
    if (line.startsWith("- ")) {
      list.push(line.slice(2));
      continue;
    }
    flush();
    if (heading) {
      const level = (heading[1]?.length ?? 1) + 2;
      blocks.push(
        <Title key={`h${blocks.length}`} order={level as 3 | 4 | 5} size={level === 3 ? "h4" : "h5"} className="wrap-anywhere">
          {heading[2] ?? ""}
        </Title>,
      );
    } else if (line.trim()) {
      blocks.push(
        <Text key={`p${blocks.length}`} size="sm" className="wrap-anywhere">
          {unescape(line)}
        </Text>,
      );
    }
  }
  flush();
  return <Stack gap={6}>{blocks}</Stack>;
}

/** The facilitator edits the summary after closing: a new version, every version kept. */
function EditMinutesForm({ meeting, minutes, onDone }: { meeting: Meeting; minutes: Minutes; onDone: () => void }) {
  const summaryOf = (m: Minutes) => (typeof m.content.summary === "string" ? m.content.summary : "");
  const [base, setBase] = useState(minutes);
  const [summary, setSummary] = useState(summaryOf(minutes));
  const [reason, setReason] = useState("");
  const edit = useEditMinutes(meeting.allianceId, meeting.id);
  const latest = useMinutes(meeting.allianceId, meeting.id, null, true);
  const stale = isApiError(edit.error, "stale_version");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    edit.mutate({ version: base.version, summary, ...(reason ? { reason } : {}) }, { onSuccess: onDone });
  };
  const reload = async () => {
    const fresh = (await latest.refetch()).data;
    if (!fresh) return;
    if (summary === summaryOf(base)) setSummary(summaryOf(fresh));
    setBase(fresh);
    edit.reset();
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Edit the minutes">
      <Stack gap="sm">
        <FormError error={edit.error} fields={["summary", "reason"]} title={stale ? "Someone else changed the minutes" : "Could not save the minutes"} />
        {stale && (
          <Group>
            <Button size="xs" variant="default" onClick={() => void reload()}>
              Load their version, keep my text
            </Button>
          </Group>
        )}
        <Textarea label="Summary" autosize minRows={3} value={summary} onChange={(e) => setSummary(e.currentTarget.value)} error={fieldError(edit.error, "summary")} />
        <TextInput label="Why the change" description="Shown in the list of versions." value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={fieldError(edit.error, "reason")} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={edit.isPending}>
            Save as a new version
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The published minutes, any of their versions, and (facilitators) a new version of the summary. */
export function MinutesSection({ meeting, timeZone }: { meeting: Meeting; timeZone: string }) {
  const [version, setVersion] = useState<number | null>(null);
  const [editing, setEditing] = useState(false);
  const published = meeting.minutesVersions.length > 0;
  const minutes = useMinutes(meeting.allianceId, meeting.id, version, published);
  if (!published) return null;
  const versions = [...meeting.minutesVersions].reverse();
  const latestVersion = versions[0]?.version;
  return (
    <section aria-labelledby="minutes-title">
      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <Group justify="space-between" gap="sm">
            <Title order={2} size="h3" id="minutes-title">
              Minutes
            </Title>
            {meeting.can.editMinutes && !editing && version === null && (
              <Button variant="default" onClick={() => setEditing(true)}>
                Edit the summary
              </Button>
            )}
          </Group>
          <NativeSelect
            label="Version"
            description="Edits after closing add a version; every version is kept."
            value={version === null ? "" : String(version)}
            onChange={(e) => setVersion(e.currentTarget.value ? Number(e.currentTarget.value) : null)}
            data={versions.map((v) => ({
              value: v.version === latestVersion ? "" : String(v.version),
              label: `Version ${v.version}${v.version === latestVersion ? " (latest)" : ""} · ${formatDateTime(v.editedAt, timeZone)}${v.editedBy ? ` · ${v.editedBy}` : ""}${v.reason ? ` · ${v.reason}` : ""}`,
            }))}
          />
          {minutes.isPending ? (
            <Loading label="Loading the minutes…" />
          ) : minutes.isError ? (
            <LoadError error={minutes.error} onRetry={() => void minutes.refetch()} title="The minutes could not be loaded" />
          ) : editing ? (
            <EditMinutesForm meeting={meeting} minutes={minutes.data} onDone={() => setEditing(false)} />
          ) : (
            <div role="document" aria-label={`Minutes, version ${minutes.data.version}`}>
              <MinutesText markdown={minutes.data.markdown} />
            </div>
          )}
        </Stack>
      </Paper>
    </section>
  );
}
