import { AppError, can, type AllianceViewer } from "@trellis/core";
import { allowedStances, canShowResults, isProposalOpen, isReviewDue, type Outcome } from "@trellis/core/decisions";
import { listPositions, listProposals, loadOutcomeStatement, loadPeopleNames, loadProposal, type StoredProposal } from "@trellis/db";
import type { ServerContext } from "../../context";
import { presentOutcome, presentPosition, type DecisionNames, type ProposalSummary, type ProposalView } from "../../presenters/decision.presenter";
import { authorKey, loadSeatRefs, tallyStored } from "./decision-support";

function requireView(viewer: AllianceViewer): void {
  if (!can(viewer, "decision.view")) throw new AppError("forbidden", "Your role cannot see the alliance's decisions.");
}

function summarize(stored: StoredProposal, names: DecisionNames, counts: { positionCount: number; seatsTakingPart: number }, now: Date): ProposalSummary {
  const p = stored.proposal;
  return {
    id: p.id,
    title: stored.title,
    method: p.method,
    state: stored.state === "closed" || !isProposalOpen(p, now) ? "closed" : "open",
    closesAt: p.closesAt,
    closedAt: p.closedAt,
    hiddenUntilClose: p.hiddenUntilClose,
    anonymous: p.anonymous,
    proposer: {
      id: p.proposerId,
      displayName: names.people.get(p.proposerId) ?? "Someone",
      seatId: p.proposerSeatId,
      seatName: p.proposerSeatId ? (names.seats.get(p.proposerSeatId) ?? null) : null,
    },
    positionCount: counts.positionCount,
    seatsTakingPart: counts.seatsTakingPart,
    result: stored.state === "closed" ? ((stored.result as ProposalSummary["result"]) ?? null) : null,
    createdAt: stored.createdAt.toISOString(),
    version: stored.version,
  };
}

/** A page of proposals, newest first (filters: state, method, text). */
export async function listProposalPage(
  ctx: ServerContext,
  viewer: AllianceViewer,
  allianceId: string,
  page: { state?: "open" | "closed" | undefined; method?: string | undefined; q?: string | undefined; after?: [string, string] | undefined; limit: number },
): Promise<{ items: ProposalSummary[]; nextCursor: [string, string] | null }> {
  requireView(viewer);
  const rows = await listProposals(ctx.db, allianceId, viewer, page);
  const shown = rows.slice(0, page.limit);
  const { seats } = await loadSeatRefs(ctx.db, allianceId);
  const names: DecisionNames = { seats: new Map(seats.map((s) => [s.id, s.name])), people: await loadPeopleNames(ctx.db, shown.map((r) => r.proposal.proposerId)) };
  const now = ctx.clock();
  const items = shown.map((r) => summarize(r, names, { positionCount: r.positionCount, seatsTakingPart: r.seatCount }, now));
  const last = shown.at(-1);
  return { items, nextCursor: rows.length > page.limit && last ? [last.createdAt.toISOString(), last.proposal.id] : null };
}

/**
 * The proposal page. Results (tallies, positions, who leads) only when canShowResults allows;
 * participation and the viewer's own position always. On an anonymous proposal no position
 * names its person, and the viewer's own is found by recomputing their author key.
 */
export async function getProposalView(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, proposalId: string): Promise<ProposalView> {
  requireView(viewer);
  const stored = await loadProposal(ctx.db, allianceId, proposalId, { viewer });
  if (!stored) throw new AppError("not_found", "No such proposal.");
  const now = ctx.clock();
  const p = stored.proposal;
  const { seats, refs } = await loadSeatRefs(ctx.db, allianceId);
  const positions = await listPositions(ctx.db, proposalId);
  const statement = await loadOutcomeStatement(ctx.db, proposalId);
  const named = positions.flatMap((x) => (x.personId ? [x.personId] : []));
  const deciderId = p.method.kind === "advice" ? p.method.deciderId : null;
  const names: DecisionNames = {
    seats: new Map(seats.map((s) => [s.id, s.name])),
    people: await loadPeopleNames(ctx.db, [p.proposerId, viewer.personId, ...(p.anonymous ? [] : named), ...(deciderId ? [deciderId] : [])]),
  };
  const open = stored.state === "open" && isProposalOpen(p, now);
  const resultsVisible = canShowResults(p, viewer, now);
  let outcome: Outcome | null = null;
  if (resultsVisible) outcome = stored.state === "closed" && stored.outcome ? stored.outcome : await tallyStored(ctx.db, stored, stored.seatsAtClose ?? refs, now);
  const takingPart = [...new Set(positions.map((x) => x.position.seatId))];
  const seatIds = (stored.seatsAtClose ?? refs).map((s) => s.id);
  const key = authorKey(stored.authorSalt, viewer.personId);
  const mine = positions.find((x) => x.authorKey === key);
  const isProposer = p.proposerId === viewer.personId;
  return {
    ...summarize(stored, names, { positionCount: positions.length, seatsTakingPart: takingPart.length }, now),
    body: stored.body,
    options: p.options.map((o) => ({ id: o.id, label: o.label, startsAt: o.startsAt ?? null })),
    quorum: p.quorum,
    seatRule: p.seatRule,
    allowedStances: [...allowedStances(p.method)],
    seats: seats.map((s) => ({ id: s.id, name: s.name, weight: s.weight })),
    participation: { seatsTakingPart: takingPart, seatsNotTakingPart: seatIds.filter((id) => !takingPart.includes(id)), positionCount: positions.length },
    resultsVisible,
    outcome: outcome ? presentOutcome(p, outcome, names) : null,
    positions: resultsVisible ? positions.map((x) => presentPosition(p, x.position, x, names)) : null,
    myPosition: mine ? { ...presentPosition(p, mine.position, mine, names), person: { id: viewer.personId, displayName: names.people.get(viewer.personId) ?? "You" } } : null,
    adviceDecision: stored.adviceDecision
      ? {
          decider: { id: stored.adviceDecision.deciderId, displayName: names.people.get(stored.adviceDecision.deciderId) ?? "Someone" },
          decision: stored.adviceDecision.decision,
          note: stored.adviceDecision.note,
          adviceTaken: [...stored.adviceDecision.adviceTaken],
        }
      : null,
    statement: statement
      ? {
          statement: statement.statement,
          reviewOn: statement.review_on,
          reviewDue: isReviewDue({ reviewOn: statement.review_on }, now),
          recordedBy: { id: statement.recorded_by, displayName: statement.recorded_by_name },
          recordedAt: statement.recorded_at.toISOString(),
          version: statement.version,
        }
      : null,
    can: {
      takePosition: open && viewer.seatIds.length > 0 && can(viewer, "position.take", { seatId: viewer.seatIds[0] ?? null }),
      edit: open && isProposer,
      close: stored.state === "open" && (isProposer || can(viewer, "proposal.close")),
      respondToObjections: open && isProposer && p.method.kind === "consent",
      decide: p.method.kind === "advice" && deciderId === viewer.personId && stored.adviceDecision === null,
      recordOutcome: stored.state === "closed" && (isProposer || can(viewer, "outcome.record")),
    },
  };
}
