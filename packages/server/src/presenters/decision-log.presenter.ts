import type { Outcome, Proposal } from "@trellis/core/decisions";
import { outcomeResults } from "@trellis/core/decisions";
import { z } from "zod";
import { describeSeat, methodSchema } from "./decision.presenter";

const seatNameSchema = z.object({ seatId: z.string(), name: z.string() });

/** One decision in the log: what was decided, by which seats, the statement and its review date. No person's position, ever. */
export const decisionLogEntrySchema = z.object({
  proposalId: z.string(),
  title: z.string(),
  method: methodSchema,
  result: z.enum(outcomeResults),
  passed: z.boolean().nullable(),
  chosen: z.array(z.object({ optionId: z.string(), label: z.string() })),
  closedAt: z.string(),
  proposer: z.object({ id: z.string(), displayName: z.string() }),
  anonymous: z.boolean(),
  quorum: z.object({ required: z.number().int(), participating: z.number().int(), met: z.boolean() }),
  seats: z.array(seatNameSchema.extend({ part: z.string() })),
  seatsNotParticipating: z.array(seatNameSchema),
  seatsSplit: z.array(seatNameSchema),
  statement: z.object({ statement: z.string(), reviewOn: z.string(), reviewDue: z.boolean(), recordedAt: z.string(), recordedBy: z.string().nullable() }).nullable(),
});
export type DecisionLogEntry = z.infer<typeof decisionLogEntrySchema>;

/** A closed proposal as a log entry. */
export function presentLogEntry(input: {
  proposal: Proposal;
  title: string;
  outcome: Outcome;
  proposerName: string;
  seatNames: ReadonlyMap<string, string>;
  statement: { statement: string; reviewOn: string; recordedAt: Date | null; recordedByName: string | null } | null;
  reviewDue: boolean;
}): DecisionLogEntry {
  const { proposal, outcome } = input;
  const name = (seatId: string) => input.seatNames.get(seatId) ?? "A former partner";
  return {
    proposalId: proposal.id,
    title: input.title,
    method: proposal.method,
    result: outcome.result,
    passed: outcome.passed,
    chosen: outcome.winners.map((id) => ({ optionId: id, label: proposal.options.find((o) => o.id === id)?.label ?? id })),
    closedAt: proposal.closedAt ?? "",
    proposer: { id: proposal.proposerId, displayName: input.proposerName },
    anonymous: proposal.anonymous,
    quorum: outcome.quorum,
    seats: outcome.seats.map((s) => ({ seatId: s.seatId, name: name(s.seatId), part: describeSeat(outcome, s.seatId, proposal) })),
    seatsNotParticipating: outcome.seatsNotParticipating.map((id) => ({ seatId: id, name: name(id) })),
    seatsSplit: outcome.seatsSplit.map((id) => ({ seatId: id, name: name(id) })),
    statement: input.statement
      ? {
          statement: input.statement.statement,
          reviewOn: input.statement.reviewOn,
          reviewDue: input.reviewDue,
          recordedAt: input.statement.recordedAt ? input.statement.recordedAt.toISOString() : "",
          recordedBy: input.statement.recordedByName,
        }
      : null,
  };
}

const resultWords: Record<string, string> = {
  passed: "passed",
  failed: "did not pass",
  chosen: "chosen",
  tied: "tied",
  no_votes: "no positions taken",
  no_quorum: "no quorum",
  awaiting_decision: "awaiting the decider",
};

function resultText(entry: DecisionLogEntry): string {
  const words = resultWords[entry.result] ?? entry.result;
  return entry.chosen.length > 0 ? `${words}: ${entry.chosen.map((c) => c.label).join(" / ")}` : words;
}

// A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) is prefixed with a quote (OWASP CSV injection).
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The decision log as CSV (RFC 4180, CRLF line ends), one decision per row. */
export function decisionLogToCsv(entries: readonly DecisionLogEntry[]): string {
  const header = ["Closed on", "Title", "Method", "Result", "Quorum", "Seats taking part", "Seats not taking part", "Split seats", "Seat by seat", "Outcome statement", "Review on", "Proposed by"];
  const rows = entries.map((e) => [
    e.closedAt.slice(0, 10),
    e.title,
    e.method.kind,
    resultText(e),
    `${e.quorum.participating} of ${e.quorum.required} required${e.quorum.met ? "" : " (not met)"}`,
    e.seats.filter((s) => s.part !== "did not take part").map((s) => s.name).join("; "),
    e.seatsNotParticipating.map((s) => s.name).join("; "),
    e.seatsSplit.map((s) => s.name).join("; "),
    e.seats.map((s) => `${s.name}: ${s.part}`).join("; "),
    e.statement?.statement ?? "",
    e.statement?.reviewOn ?? "",
    e.proposer.displayName,
  ]);
  return [header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

// Markdown that renders text as text: every value sits inline after a label, so escaping the
// inline markers (emphasis, code, links, HTML, tables, strike-through) is enough.
function md(text: string): string {
  return text.replace(/([\\`*_[\]<>|~])/g, "\\$1").replace(/\r?\n/g, " ");
}

/** The decision log as Markdown: a heading per decision, its result, seats and statement. */
export function decisionLogToMarkdown(allianceName: string, entries: readonly DecisionLogEntry[], exportedAt: Date): string {
  const lines = [`# Decision log: ${md(allianceName)}`, "", `_${entries.length} decision${entries.length === 1 ? "" : "s"}, exported ${exportedAt.toISOString().slice(0, 10)}._`, ""];
  for (const e of entries) {
    lines.push(`## ${md(e.title)}`, "");
    lines.push(`- **Closed on:** ${e.closedAt.slice(0, 10)}`);
    lines.push(`- **Method:** ${md(e.method.kind.replace(/_/g, " "))}`);
    lines.push(`- **Result:** ${md(resultText(e))}`);
    lines.push(`- **Quorum:** ${e.quorum.participating} of ${e.quorum.required} seats required${e.quorum.met ? "" : " (not met)"}`);
    lines.push(`- **Seat by seat:** ${e.seats.map((s) => `${md(s.name)} (${md(s.part)})`).join(", ") || "none"}`);
    lines.push(`- **Did not take part:** ${e.seatsNotParticipating.map((s) => md(s.name)).join(", ") || "every seat took part"}`);
    if (e.statement) {
      lines.push(`- **Outcome:** ${md(e.statement.statement)}`);
      lines.push(`- **Review on:** ${e.statement.reviewOn}${e.statement.reviewDue ? " (due)" : ""}`);
    }
    lines.push(`- **Proposed by:** ${md(e.proposer.displayName)}`, "");
  }
  return lines.join("\n");
}
