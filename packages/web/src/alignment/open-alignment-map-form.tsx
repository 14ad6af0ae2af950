import { Button, Group, NativeSelect, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { fieldError, FormError } from "../components/form-errors";
import { useCharterClauses, useOpenAlignmentMap, useOpenProposals } from "./alignment-api";
import { linkKindLabels } from "./alignment-labels";
import type { AlignmentLinkKind } from "./alignment-types";

type LinkChoice = AlignmentLinkKind | "none";

function shorten(text: string, length = 90): string {
  return text.length > length ? `${text.slice(0, length - 1).trimEnd()}…` : text;
}

/** The proposals or charter clauses a map may inform, as select options. */
function useLinkOptions(allianceId: string, kind: LinkChoice, presetId: string | null) {
  const proposals = useOpenProposals(allianceId, kind === "proposal");
  const charter = useCharterClauses(allianceId, kind === "charter_clause");
  const query = kind === "proposal" ? proposals : charter;
  let options: { value: string; label: string }[] = [];
  if (kind === "proposal") options = (proposals.data?.items ?? []).map((p) => ({ value: p.id, label: shorten(p.title) }));
  if (kind === "charter_clause") options = (charter.data?.sections ?? []).flatMap((s) => s.clauses.map((c) => ({ value: c.id, label: shorten(c.text) })));
  // A link handed over from another page stays selectable even if the list does not hold it.
  if (presetId && !options.some((o) => o.value === presetId)) options = [{ value: presetId, label: `The ${kind === "proposal" ? "proposal" : "clause"} you came from` }, ...options];
  return { options, isLoading: kind !== "none" && query.isPending, isError: kind !== "none" && query.isError };
}

/**
 * Opens a map on a question, optionally linked to the proposal or charter clause it informs
 * ("check alignment before deciding"), with seed statements, one per line.
 */
export function OpenAlignmentMapForm({ allianceId, preset, onCancel }: { allianceId: string; preset?: { kind: AlignmentLinkKind; id: string } | null; onCancel: () => void }) {
  const [question, setQuestion] = useState("");
  const [description, setDescription] = useState("");
  const [linkKind, setLinkKind] = useState<LinkChoice>(preset?.kind ?? "none");
  const [linkId, setLinkId] = useState(preset?.id ?? "");
  const [statements, setStatements] = useState("");
  const open = useOpenAlignmentMap(allianceId);
  const navigate = useNavigate();
  const links = useLinkOptions(allianceId, linkKind, preset && preset.kind === linkKind ? preset.id : null);
  const chosenLink = linkKind !== "none" && linkId ? { kind: linkKind, id: linkId } : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const seeds = statements
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean);
    open.mutate(
      { question: question.trim(), ...(description.trim() ? { description: description.trim() } : {}), link: chosenLink, ...(seeds.length ? { statements: seeds } : {}) },
      { onSuccess: (map) => navigate(`/alliances/${allianceId}/alignment/${map.id}`) },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Open an alignment map">
      <Stack gap="sm">
        <FormError error={open.error} fields={["question", "description", "link", "statements"]} title="Could not open the map" />
        <TextInput
          label="Question"
          description="What should partners weigh in on? For example: “What should the alliance do about packaging by 2030?”"
          required
          value={question}
          onChange={(e) => setQuestion(e.currentTarget.value)}
          error={fieldError(open.error, "question")}
        />
        <Textarea label="Background (optional)" autosize minRows={2} value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={fieldError(open.error, "description")} />
        <NativeSelect
          label="Check alignment before deciding on"
          description="Link the map to the proposal or charter clause it informs, so the decision can point to it."
          value={linkKind}
          onChange={(e) => {
            setLinkKind(e.currentTarget.value as LinkChoice);
            setLinkId(preset && preset.kind === e.currentTarget.value ? preset.id : "");
          }}
          data={[{ value: "none", label: "Nothing in particular" }, ...Object.entries(linkKindLabels).map(([value, label]) => ({ value, label }))]}
        />
        {linkKind !== "none" &&
          (links.isLoading ? (
            <Text size="sm">Loading the {linkKind === "proposal" ? "open proposals" : "charter"}…</Text>
          ) : links.options.length === 0 ? (
            <Text size="sm" c="dimmed">
              {links.isError ? "They could not be loaded; open the map without a link, or try again later." : linkKind === "proposal" ? "There is no open proposal to link to." : "The charter has no clauses yet."}
            </Text>
          ) : (
            <NativeSelect
              label={linkKind === "proposal" ? "Proposal" : "Charter clause"}
              value={linkId}
              onChange={(e) => setLinkId(e.currentTarget.value)}
              data={[{ value: "", label: "Choose…" }, ...links.options]}
              error={fieldError(open.error, "link")}
            />
          ))}
        <Textarea
          label="First statements (optional)"
          description="One per line. Short claims people can agree or disagree with. Participants can add more."
          autosize
          minRows={3}
          value={statements}
          onChange={(e) => setStatements(e.currentTarget.value)}
          error={fieldError(open.error, "statements")}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={open.isPending}>
            Open the map
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
