import { diffWords, sectionKinds, type CharterSetting, type ScopeSide, type SectionKind } from "@trellis/core/charter";
import { Button, Group, NativeSelect, Paper, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { FormError } from "../components/form-errors";
import { fieldProblem } from "./field-problem";
import { useProposeAmendment } from "./charter-api";
import { sectionLabels } from "./charter-labels";
import { SeatPicker } from "./seat-picker";
import { SettingFields } from "./setting-fields";
import type { AmendmentView, Clause } from "./types";
import { DiffLegend, WordDiff } from "./word-diff";

/** What is being proposed: a new clause in a section, or a change or removal of one clause. */
export type ProposalTarget = { kind: "add"; section: SectionKind } | { kind: "change"; clause: Clause } | { kind: "remove"; clause: Clause };

const seatSections: readonly SectionKind[] = ["objectives", "contributions"];

/** Proposes an amendment for the person's seat, with a rationale every seat reads before answering. */
export function ProposeAmendmentForm({
  allianceId,
  target,
  mySeats,
  onDone,
  onCancel,
}: {
  allianceId: string;
  target: ProposalTarget;
  mySeats: readonly { id: string; name: string }[];
  onDone: (amendment: AmendmentView) => void;
  onCancel: () => void;
}) {
  const clause = target.kind === "add" ? null : target.clause;
  const [seatId, setSeatId] = useState(mySeats[0]?.id ?? "");
  const [section, setSection] = useState<SectionKind>(target.kind === "add" ? target.section : (clause?.section ?? "purpose"));
  // For objectives and contributions: "" is a shared clause, a seat id that partner's own.
  const [owner, setOwner] = useState("");
  const [scopeSide, setScopeSide] = useState<ScopeSide>("in");
  const [text, setText] = useState(clause?.text ?? "");
  const [setting, setSetting] = useState<CharterSetting | null>(clause?.setting ?? null);
  const [title, setTitle] = useState("");
  const [rationale, setRationale] = useState("");
  const propose = useProposeAmendment(allianceId);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const common = { ...(mySeats.length > 1 ? { seatId } : {}), ...(title.trim() ? { title: title.trim() } : {}), rationale };
    if (target.kind === "add") {
      propose.mutate(
        {
          ...common,
          kind: "add",
          placement: { section, seatId: seatSections.includes(section) && owner ? owner : null, scopeSide: section === "scope" ? scopeSide : null },
          proposedText: text,
        },
        { onSuccess: onDone },
      );
    } else if (target.kind === "change") {
      propose.mutate({ ...common, kind: "change", clauseId: target.clause.id, proposedText: text, ...(setting ? { proposedSetting: setting } : {}) }, { onSuccess: onDone });
    } else {
      propose.mutate({ ...common, kind: "remove", clauseId: target.clause.id }, { onSuccess: onDone });
    }
  };

  const label = target.kind === "add" ? "Propose a new clause" : target.kind === "change" ? "Propose a change to this clause" : "Propose removing this clause";
  return (
    <form onSubmit={submit} noValidate aria-label={label}>
      <Stack gap="sm">
        <FormError error={propose.error} fields={["proposedText", "rationale", "title", "placement", "proposedSetting", "seatId"]} title="The amendment was not proposed" />
        <SeatPicker seats={mySeats} value={seatId} onChange={setSeatId} error={fieldProblem(propose.error, "seatId")} />
        {target.kind === "add" && (
          <>
            <NativeSelect
              label="Section"
              value={section}
              onChange={(e) => setSection(e.currentTarget.value as SectionKind)}
              data={sectionKinds.map((s) => ({ value: s, label: sectionLabels[s] }))}
              error={fieldProblem(propose.error, "placement")}
            />
            {seatSections.includes(section) && (
              <NativeSelect
                label="Whose clause"
                description="A shared clause belongs to every partner; a partner's own objective or contribution sits beside the shared ones."
                value={owner}
                onChange={(e) => setOwner(e.currentTarget.value)}
                data={[{ value: "", label: "Shared by all partners" }, ...mySeats.map((s) => ({ value: s.id, label: `${s.name}'s own` }))]}
              />
            )}
            {section === "scope" && (
              <NativeSelect
                label="Scope side"
                value={scopeSide}
                onChange={(e) => setScopeSide(e.currentTarget.value as ScopeSide)}
                data={[
                  { value: "in", label: "In scope (pre-competitive, shared)" },
                  { value: "out", label: "Out of scope" },
                ]}
              />
            )}
          </>
        )}
        {target.kind === "remove" && clause ? (
          <Paper withBorder p="sm" radius="sm">
            <Text size="sm" fw={500}>
              The clause to remove
            </Text>
            <WordDiff parts={[{ op: "delete", text: clause.text }]} />
          </Paper>
        ) : (
          <Textarea
            label={target.kind === "add" ? "Clause text" : "New clause text"}
            required
            autosize
            minRows={3}
            maxLength={4000}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            error={fieldProblem(propose.error, "proposedText")}
          />
        )}
        {target.kind === "change" && clause && text.trim() !== clause.text && text.trim() !== "" && (
          <Paper withBorder p="sm" radius="sm" role="group" aria-label="Preview of the change">
            <Text size="sm" fw={500}>
              Preview of the change
            </Text>
            <WordDiff parts={diffWords(clause.text, text.trim())} />
            <DiffLegend />
          </Paper>
        )}
        {target.kind === "change" && setting && <SettingFields value={setting} onChange={setSetting} error={fieldProblem(propose.error, "proposedSetting")} />}
        <TextInput
          label="Title (optional)"
          description="A short name for the amendment; one is made from the clause when left empty."
          maxLength={200}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={fieldProblem(propose.error, "title")}
        />
        <Textarea
          label="Rationale"
          description="Why this change: every seat reads it before consenting or objecting."
          required
          autosize
          minRows={2}
          maxLength={4000}
          value={rationale}
          onChange={(e) => setRationale(e.currentTarget.value)}
          error={fieldProblem(propose.error, "rationale")}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={propose.isPending}>
            Propose amendment
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
