import { AppError, can, type AllianceViewer } from "@trellis/core";
import { diffWords, evaluateRatification, findClause, isAmendmentStale, suggestRebasedText, type Charter, type SectionKind } from "@trellis/core/charter";
import {
  listAmendmentComments,
  listAmendments,
  listDelegateSeatIds,
  listRatificationAnswers,
  listSeatRefs,
  loadAmendment,
  loadCharterHead,
  loadCharterVersion,
  type Db,
  type StoredAmendment,
} from "@trellis/db";
import type { z } from "zod";
import type { ServerContext } from "../../context";
import { presentDiffParts, presentRatification, type AmendmentSummary, type AmendmentView, type commentSchema, type Names } from "../../presenters/charter.presenter";
import { loadNames } from "./show-charter";

/** Charter versions by number, loaded once each. */
function versionCache(db: Db, allianceId: string) {
  const cache = new Map<number, Promise<Charter | null>>();
  return (version: number) => {
    let found = cache.get(version);
    if (!found) {
      found = loadCharterVersion(db, allianceId, version);
      cache.set(version, found);
    }
    return found;
  };
}

/** The section an amendment touches: where an addition goes, else where the clause stood when it was written. */
async function sectionOf(stored: StoredAmendment, charterAt: (version: number) => Promise<Charter | null>): Promise<SectionKind> {
  const a = stored.amendment;
  if (a.placement) return a.placement.section;
  for (const version of [stored.basedOnVersion, a.ratifiedAsVersion === null ? null : a.ratifiedAsVersion - 1]) {
    if (version === null) continue;
    const clause = findClause((await charterAt(version)) ?? { allianceId: "", version: 0, adoptedAt: null, amendmentId: null, clauses: [] }, a.clauseId);
    if (clause) return clause.section;
  }
  return "purpose";
}

function presentSummary(stored: StoredAmendment, section: SectionKind, names: Names, proposerName: string): AmendmentSummary {
  const a = stored.amendment;
  return {
    id: a.id,
    title: stored.title,
    kind: a.kind,
    clauseId: a.clauseId,
    section,
    state: a.state,
    draft: a.draft,
    version: stored.version,
    rationale: a.rationale,
    proposer: { id: a.proposer.personId, displayName: proposerName, seatId: a.proposer.seatId, seatName: names.seats.get(a.proposer.seatId) ?? "A former partner" },
    proposedAt: a.proposedAt,
    settledAt: a.settledAt,
    ratifiedAsVersion: a.ratifiedAsVersion,
    basedOnVersion: stored.basedOnVersion,
  };
}

function requireView(viewer: AllianceViewer): void {
  if (!can(viewer, "charter.view")) throw new AppError("forbidden", "Your role cannot read the charter.");
}

/** A page of amendments, newest first (filters: states, clause, text). */
export async function listAmendmentPage(
  ctx: ServerContext,
  viewer: AllianceViewer,
  allianceId: string,
  page: { states?: readonly StoredAmendment["amendment"]["state"][] | undefined; clauseId?: string | undefined; q?: string | undefined; after?: [string, string] | undefined; limit: number },
): Promise<{ items: AmendmentSummary[]; nextCursor: [string, string] | null }> {
  requireView(viewer);
  const rows = await listAmendments(ctx.db, allianceId, viewer, page);
  const shown = rows.slice(0, page.limit);
  const seats = await listSeatRefs(ctx.db, allianceId);
  const names = await loadNames(ctx.db, seats, shown.map((r) => r.amendment.proposer.personId));
  const charterAt = versionCache(ctx.db, allianceId);
  const items: AmendmentSummary[] = [];
  for (const stored of shown) items.push(presentSummary(stored, await sectionOf(stored, charterAt), names, names.people.get(stored.amendment.proposer.personId) ?? "Someone"));
  const last = shown.at(-1);
  return { items, nextCursor: rows.length > page.limit && last ? [last.amendment.proposedAt, last.amendment.id] : null };
}

/** The amendment page: the proposed words against the clause, the seats' answers under the charter's rule, what the viewer may do. */
export async function getAmendmentView(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, amendmentId: string): Promise<AmendmentView> {
  requireView(viewer);
  const head = await loadCharterHead(ctx.db, allianceId);
  const stored = head ? await loadAmendment(ctx.db, allianceId, amendmentId, { viewer }) : null;
  if (!head || !stored) throw new AppError("not_found", "No such amendment.");
  const a = stored.amendment;
  const charterAt = versionCache(ctx.db, allianceId);
  const current = await charterAt(head.current_version);
  if (!current) throw new AppError("not_found", "The charter version in force is missing.");
  const seats = await listSeatRefs(ctx.db, allianceId);
  const seatRefs = seats.map((s) => ({ id: s.id, weight: s.weight }));
  const allAnswers = await listRatificationAnswers(ctx.db, [amendmentId], a.draft);
  const answers = allAnswers.map((x) => x.answer);
  const delegates = allAnswers.map((x) => ({ ...x.answer, answeredAt: x.answeredAt }));
  const names = await loadNames(ctx.db, seats, [a.proposer.personId, ...answers.map((x) => x.personId)]);
  // A ratified amendment is shown under the rule and charter it was ratified against.
  const against = a.state === "ratified" && a.ratifiedAsVersion !== null ? ((await charterAt(a.ratifiedAsVersion - 1)) ?? current) : current;
  const open = a.state === "open" || a.state === "stale";
  const answeringSeats = answers.filter((x) => seatRefs.some((s) => s.id === x.seatId));
  const evaluation =
    seatRefs.length > 0
      ? evaluateRatification(against, a, answeringSeats, seatRefs)
      : { amendmentId: a.id, draft: a.draft, rule: { kind: "unanimous" as const }, stale: false, seats: [], consentingSeats: [], objectingSeats: [], pendingSeats: [], consentingWeight: 0, totalWeight: 0, met: false, verdict: "pending" as const };
  const stale = open && isAmendmentStale(current, a);
  const clause = findClause(current, a.clauseId);
  const suggestedRebase = stale && a.kind === "change" && clause && a.baseText !== null && a.proposedText !== null ? suggestRebasedText(a.baseText, a.proposedText, clause.text) : null;
  const delegateSeats = await listDelegateSeatIds(ctx.db, allianceId, viewer.personId);
  const mine = answers.find((x) => x.personId === viewer.personId);
  const isProposer = a.proposer.personId === viewer.personId;
  const commentCount = await ctx.db
    .selectFrom("charter_comments")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("amendment_id", "=", amendmentId)
    .executeTakeFirst();
  return {
    ...presentSummary(stored, await sectionOf(stored, charterAt), names, names.people.get(a.proposer.personId) ?? "Someone"),
    placement: a.placement,
    proposedText: a.proposedText,
    proposedSetting: a.proposedSetting,
    baseText: a.baseText,
    baseClauseRevision: a.baseClauseRevision,
    currentClause: clause ? { text: clause.text, revision: clause.revision, seatId: clause.seatId, scopeSide: clause.scopeSide } : null,
    diff: presentDiffParts(diffWords(a.baseText ?? "", a.proposedText ?? "")),
    stale: a.state === "stale" || stale,
    suggestedRebase,
    ratification: presentRatification({ ...evaluation, stale }, names, delegates, open),
    myAnswer: mine ? { answer: mine.answer, reason: mine.reason, seatId: mine.seatId } : null,
    commentCount: Number(commentCount?.n ?? 0),
    can: {
      answer: a.state === "open" && !stale && delegateSeats.length > 0,
      rebase: isProposer && open,
      withdraw: isProposer && open,
      reject: a.state === "open" && (isProposer || can(viewer, "amendment.settle")) && evaluation.verdict === "unreachable",
      comment: can(viewer, "amendment.comment"),
    },
  };
}

/** A page of an amendment's discussion, oldest first. */
export async function listAmendmentCommentPage(
  ctx: ServerContext,
  viewer: AllianceViewer,
  allianceId: string,
  amendmentId: string,
  page: { after?: [string, string] | undefined; limit: number },
): Promise<{ items: z.infer<typeof commentSchema>[]; nextCursor: [string, string] | null }> {
  requireView(viewer);
  const stored = await loadAmendment(ctx.db, allianceId, amendmentId, { viewer });
  if (!stored) throw new AppError("not_found", "No such amendment.");
  const rows = await listAmendmentComments(ctx.db, amendmentId, viewer, page);
  const shown = rows.slice(0, page.limit);
  const seats = await listSeatRefs(ctx.db, allianceId);
  const seatNames = new Map(seats.map((s) => [s.id, s.name]));
  const items = shown.map((r) => ({
    id: r.id,
    author: { id: r.author_id, displayName: r.author_name },
    seatId: r.author_seat_id,
    seatName: r.author_seat_id ? (seatNames.get(r.author_seat_id) ?? null) : null,
    body: r.body,
    createdAt: r.created_at.toISOString(),
  }));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > page.limit && last ? [last.createdAt, last.id] : null };
}
