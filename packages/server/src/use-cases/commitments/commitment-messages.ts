import { loopReasonLabels, whoseTurn, type Commitment, type MoveName, type MoveRecord } from "@trellis/core/commitments";
import type { PartyDirectory } from "@trellis/db";
import { describeDue } from "./commitment-events";

const sentences: Record<MoveName, (speaker: string, title: string, record: MoveRecord) => string> = {
  request: (s, t) => `${s} asks you for “${t}”`,
  offer: (s, t) => `${s} offers you “${t}”`,
  promise: (s, t) => `${s} promised “${t}”`,
  counter: (s, t) => `${s} suggests other terms for “${t}”`,
  decline: (s, t) => `${s} declined “${t}”`,
  withdraw: (s, t) => `${s} withdrew “${t}”`,
  commit_to_commit: (s, t, r) => `${s} will tell you about “${t}” by ${r.answerBy ? r.answerBy.slice(0, 10) : "a set date"}`,
  accept_counter: (s, t) => `${s} accepted the terms for “${t}”`,
  counter_again: (s, t) => `${s} answered with other terms for “${t}”`,
  reject_counter: (s, t) => `${s} rejected the terms for “${t}”`,
  report: (s, t) => `${s} reported “${t}” done`,
  renege: (s, t) => `${s} marked “${t}” as not delivered`,
  cancel: (s, t) => `${s} cancelled “${t}”`,
  accept: (s, t) => `${s} accepted “${t}” as done`,
  reject_report: (s, t) => `${s} says “${t}” is not done yet`,
  propose_renegotiation: (s, t) => `${s} proposes new terms for “${t}”`,
  accept_renegotiation: (s, t) => `${s} accepted the new terms for “${t}”`,
  reject_renegotiation: (s, t) => `${s} rejected the new terms for “${t}”`,
  withdraw_renegotiation: (s, t) => `${s} withdrew the proposed new terms for “${t}”`,
  revoke: (s, t) => `${s} released their promise of “${t}”`,
};

/** The notification a move sends to the other party: what was said, the terms now, and what is theirs to do. */
export function describeMoveForCounterpart(after: Commitment, record: MoveRecord, directory: PartyDirectory): { title: string; body: string } {
  const speakerParty = record.role === "customer" ? after.customer : after.performer;
  const recipientRole = record.role === "customer" ? "performer" : "customer";
  const speaker = `${directory.people.get(speakerParty.personId)?.displayName ?? "Someone"} (${directory.seats.get(speakerParty.seatId)?.name ?? "a seat"})`;
  const lines: string[] = [];
  if (record.message) lines.push(`“${record.message}”`);
  lines.push(`Conditions of satisfaction: ${after.conditions}`, `Due: ${describeDue(after.dueAt, after.timeZone)}`);
  const pending = after.pendingRenegotiation;
  if (pending) {
    const proposed = [pending.conditions ? `conditions: ${pending.conditions}` : null, pending.dueAt ? `due: ${describeDue(pending.dueAt, pending.timeZone ?? after.timeZone)}` : null].filter(Boolean);
    lines.push(`Proposed new terms (the current ones stand until they are accepted): ${proposed.join("; ")}`);
  }
  const turn = whoseTurn(after);
  if (turn?.role === recipientRole) lines.push(`Your next step: ${loopReasonLabels[turn.reason]}.`);
  return { title: sentences[record.move](speaker, after.title, record), body: lines.join("\n") };
}
