import { diffWords, type CharterSetting } from "@trellis/core/charter";
import { Button, Group, Paper, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { isApiError } from "../api/client";
import { FormError } from "../components/form-errors";
import { fieldProblem } from "./field-problem";
import { useReviseAmendment } from "./charter-api";
import { SettingFields } from "./setting-fields";
import type { AmendmentView } from "./types";
import { DiffLegend, WordDiff } from "./word-diff";

/**
 * The proposer revises an open amendment, or rebases a stale one onto the clause as it is now:
 * a new draft that every seat answers again. Sends the amendment's version, so a change made
 * meanwhile is not overwritten.
 */
export function ReviseAmendmentForm({ view, allianceId, onDone, onReload }: { view: AmendmentView; allianceId: string; onDone: () => void; onReload: () => void }) {
  const rebasing = view.stale;
  const start = rebasing ? (view.suggestedRebase ?? view.currentClause?.text ?? view.proposedText ?? "") : (view.proposedText ?? "");
  const [text, setText] = useState(start);
  const [setting, setSetting] = useState<CharterSetting | null>(view.proposedSetting);
  const [title, setTitle] = useState(view.title);
  const [rationale, setRationale] = useState(view.rationale);
  const revise = useReviseAmendment(allianceId, view.id);
  const stale = isApiError(revise.error, "stale_version");
  const against = rebasing ? (view.currentClause?.text ?? "") : (view.baseText ?? "");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    revise.mutate(
      {
        version: view.version,
        proposedText: view.kind === "remove" ? null : text,
        ...(setting ? { proposedSetting: setting } : {}),
        ...(rationale.trim() !== view.rationale ? { rationale } : {}),
        ...(title.trim() !== view.title ? { title } : {}),
      },
      { onSuccess: onDone },
    );
  };
  return (
    <form onSubmit={submit} noValidate aria-label={rebasing ? "Rebase the amendment" : "Revise the amendment"}>
      <Stack gap="sm">
        <FormError error={revise.error} fields={["proposedText", "rationale", "title", "proposedSetting"]} title={stale ? "Someone changed this amendment meanwhile" : "The amendment was not revised"} />
        {stale && (
          <Group>
            <Button
              size="xs"
              variant="default"
              onClick={() => {
                revise.reset();
                onReload();
              }}
            >
              Load the latest version
            </Button>
          </Group>
        )}
        {rebasing && (
          <Text size="sm">
            {view.suggestedRebase
              ? "Trellis merged your change into the clause as it reads now; check the words below."
              : "The clause changed where your amendment does: write your change again against the clause as it reads now."}
          </Text>
        )}
        {view.kind !== "remove" && (
          <Textarea label="Proposed clause text" required autosize minRows={3} maxLength={4000} value={text} onChange={(e) => setText(e.currentTarget.value)} error={fieldProblem(revise.error, "proposedText")} />
        )}
        {view.kind === "change" && text.trim() !== "" && (
          <Paper withBorder p="sm" radius="sm">
            <Text size="sm" fw={500}>
              Against the clause {rebasing ? "as it reads now" : "as it read when proposed"}
            </Text>
            <WordDiff parts={diffWords(against, text.trim())} />
            <DiffLegend />
          </Paper>
        )}
        {setting && <SettingFields value={setting} onChange={setSetting} error={fieldProblem(revise.error, "proposedSetting")} />}
        <TextInput label="Title" maxLength={200} value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={fieldProblem(revise.error, "title")} />
        <Textarea label="Rationale" required autosize minRows={2} maxLength={4000} value={rationale} onChange={(e) => setRationale(e.currentTarget.value)} error={fieldProblem(revise.error, "rationale")} />
        <Text size="xs" c="dimmed">
          Saving makes draft {view.draft + 1}: the answers to draft {view.draft} no longer count, and every seat answers again.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={revise.isPending}>
            {rebasing ? "Rebase amendment" : "Save new draft"}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
