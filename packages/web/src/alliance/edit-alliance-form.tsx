import { allianceStages, canMoveStage, type AllianceStage } from "@trellis/core";
import { Button, Group, NativeSelect, Stack, TextInput, Textarea } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { isApiError } from "../api/client";
import { useUpdateAlliance } from "../api/alliances";
import type { AllianceHome } from "../api/types";
import { fieldError, FormError } from "../components/form-errors";
import { labelOf, stageLabels } from "../labels";

/** Name, purpose and stage; sends the version it was opened with, so nobody's change is lost. */
export function EditAllianceForm({ home, onDone, onReload }: { home: AllianceHome; onDone: () => void; onReload: () => Promise<{ data?: AllianceHome | undefined }> }) {
  // The version the edit started from; after a conflict it moves to the other person's version.
  const [base, setBase] = useState(home);
  const [name, setName] = useState(home.name);
  const [purpose, setPurpose] = useState(home.purpose);
  const [stage, setStage] = useState<AllianceStage>(home.stage);
  const update = useUpdateAlliance(home.id);
  const stages = allianceStages.filter((s) => s === base.stage || canMoveStage(base.stage, s));
  const stale = isApiError(update.error, "stale_version");

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      { version: base.version, ...(name !== base.name ? { name } : {}), ...(purpose !== base.purpose ? { purpose } : {}), ...(stage !== base.stage ? { stage } : {}) },
      { onSuccess: onDone },
    );
  };
  // Takes their version as the new base: fields I did not touch show theirs, my edits stay.
  const reload = async () => {
    const latest = (await onReload()).data;
    if (!latest) return;
    if (name === base.name) setName(latest.name);
    if (purpose === base.purpose) setPurpose(latest.purpose);
    if (stage === base.stage || !canMoveStage(latest.stage, stage)) setStage(latest.stage);
    setBase(latest);
    update.reset();
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Edit the alliance">
      <Stack gap="sm">
        <FormError error={update.error} fields={["name", "purpose", "stage"]} title={stale ? "Someone else changed the alliance" : "Could not save"} />
        {stale && (
          <Group>
            <Button size="xs" variant="default" onClick={() => void reload()}>
              Load their version, keep my changes
            </Button>
          </Group>
        )}
        <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldError(update.error, "name")} />
        <Textarea label="Purpose" autosize minRows={3} value={purpose} onChange={(e) => setPurpose(e.currentTarget.value)} error={fieldError(update.error, "purpose")} />
        <NativeSelect
          label="Stage"
          description="An alliance moves forming → active → renewing or closing → closed."
          value={stage}
          onChange={(e) => setStage(e.currentTarget.value as AllianceStage)}
          data={stages.map((s) => ({ value: s, label: s === base.stage ? `${labelOf(stageLabels, s)} (now)` : labelOf(stageLabels, s) }))}
          error={fieldError(update.error, "stage")}
        />
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
