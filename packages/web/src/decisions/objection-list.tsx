import { Badge, Button, Group, Paper, Radio, Stack, Text, Textarea } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { isApiError } from "../api/client";
import type { ObjectionStatusView, ProposalView } from "./decision-types";
import { useRespondToObjection } from "./decisions-api";
import { DecisionFormError, fieldProblem } from "./field-problem";

/** Fetches the proposal again (after a conflict) and answers with its latest version. */
export type Reload = () => Promise<{ data?: ProposalView | undefined }>;

const statusLabels: Record<ObjectionStatusView["status"], string> = { open: "Open", addressed: "Addressed", integrated: "Integrated" };
const statusColors: Record<ObjectionStatusView["status"], string> = { open: "red.9", addressed: "blue.8", integrated: "teal.9" };

/** The proposer answers one objection: addressed (explained) or integrated (the proposal changes). */
function RespondForm({ allianceId, proposal, objection, who, onReload }: { allianceId: string; proposal: ProposalView; objection: ObjectionStatusView; who: string; onReload: Reload }) {
  const respond = useRespondToObjection(allianceId, proposal.id);
  const [kind, setKind] = useState<"addressed" | "integrated">("integrated");
  const [note, setNote] = useState("");
  const [revised, setRevised] = useState(proposal.body);
  // The version the revision started from; after a conflict it moves to the other person's version.
  const [baseVersion, setBaseVersion] = useState(proposal.version);
  const stale = isApiError(respond.error, "stale_version");

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const revise = kind === "integrated" && revised.trim() !== proposal.body.trim();
    respond.mutate({ positionId: objection.positionId, kind, note, ...(revise ? { revisedBody: revised, version: baseVersion } : {}) });
  };
  // Takes their version as the new base; my revision stays in the box to compare and send again.
  const reload = async () => {
    const latest = (await onReload()).data;
    if (latest) setBaseVersion(latest.version);
    respond.reset();
  };

  return (
    <form onSubmit={submit} noValidate aria-label={`Answer the objection of ${who}`}>
      <Stack gap="xs">
        <DecisionFormError error={respond.error} fields={["note", "revisedBody", "kind"]} title={stale ? "Someone else changed the proposal's text since you opened it" : "Your answer could not be saved"} />
        {stale && (
          <Group>
            <Button size="xs" variant="default" onClick={() => void reload()}>
              Load their version
            </Button>
            <Text size="xs">Your revision stays in the box below; compare and send again.</Text>
          </Group>
        )}
        <Radio.Group label="Your answer" value={kind} onChange={(value) => setKind(value === "addressed" ? "addressed" : "integrated")}>
          <Group gap="md" mt={4}>
            <Radio value="integrated" label="Integrate it" description="Change the proposal so the objection no longer holds." />
            <Radio value="addressed" label="Address it" description="Explain why it does not harm." />
          </Group>
        </Radio.Group>
        <Textarea label={kind === "integrated" ? "How you integrated it" : "Why it does not harm"} required autosize minRows={2} maxLength={4000} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={fieldProblem(respond.error, "note")} />
        {kind === "integrated" && (
          <Textarea
            label="Revised proposal text"
            description="Leave it as it is if the text needs no change."
            autosize
            minRows={3}
            maxLength={10_000}
            value={revised}
            onChange={(e) => setRevised(e.currentTarget.value)}
            error={fieldProblem(respond.error, "revisedBody")}
          />
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={respond.isPending}>
            {kind === "integrated" ? "Integrate objection" : "Address objection"}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Consent objections with their reasons, their status and the proposer's answer; the proposer answers open ones here. */
export function ObjectionList({ allianceId, proposal, objections, onReload }: { allianceId: string; proposal: ProposalView; objections: readonly ObjectionStatusView[]; onReload: Reload }) {
  if (objections.length === 0) return <Text size="sm">No objections so far.</Text>;
  const seatName = (seatId: string) => proposal.seats.find((s) => s.id === seatId)?.name ?? "a seat";
  const personName = (o: ObjectionStatusView) => proposal.positions?.find((p) => p.id === o.positionId)?.person?.displayName ?? null;
  return (
    <Stack component="ul" gap="sm" aria-label="Objections" style={{ listStyle: "none", padding: 0, margin: 0 }}>
      {objections.map((objection) => {
        const who = `${personName(objection) ?? "someone"} for ${seatName(objection.seatId)}`;
        return (
          <Paper key={objection.positionId} withBorder p="sm" radius="md" component="li" aria-label={`Objection of ${who}`}>
            <Stack gap="xs">
              <Group justify="space-between" gap="xs">
                <Text size="sm" fw={600} className="wrap-anywhere">
                  Objection of {who}
                </Text>
                <Badge variant="filled" color={statusColors[objection.status]}>
                  {statusLabels[objection.status]}
                </Badge>
              </Group>
              <Text size="sm" className="wrap-anywhere" style={{ whiteSpace: "pre-line" }}>
                {objection.reason}
              </Text>
              {objection.note && (
                <Text size="sm" className="wrap-anywhere">
                  <strong>{objection.status === "integrated" ? "Integrated:" : "Addressed:"}</strong> {objection.note}
                </Text>
              )}
              {objection.status === "open" && proposal.can.respondToObjections && <RespondForm allianceId={allianceId} proposal={proposal} objection={objection} who={who} onReload={onReload} />}
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}
