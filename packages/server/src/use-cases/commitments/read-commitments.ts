import { AppError, can, type AllianceViewer } from "@trellis/core";
import { loopReasons, type LoopReason } from "@trellis/core/commitments";
import {
  countLoopRows,
  hydrateCommitments,
  listCommitmentRows,
  listLoopRows,
  loadCommitment,
  loadPartyDirectory,
  type CommitmentListFilters,
  type CommitmentRow,
  type CommitmentSort,
  type LoopFilters,
  type LoopSide,
} from "@trellis/db";
import type { ServerContext } from "../../context";
import { presentCommitmentDetail, presentCommitmentSummary, presentLoopItem, type CommitmentDetail, type CommitmentSummary } from "../../presenters/commitment.presenter";
import { loadViewer, type Person } from "../load-viewer";

function assertCanView(viewer: AllianceViewer): void {
  if (!can(viewer, "commitment.view")) throw new AppError("forbidden", "Your role cannot see commitments.");
}

function partyIds(rows: readonly Pick<CommitmentRow, "customer_person_id" | "performer_person_id">[], extra: string[] = []): string[] {
  return [...rows.flatMap((r) => [r.customer_person_id, r.performer_person_id]), ...extra];
}

/** The commitment page's data: current terms, the thread, the viewer's moves now. Hidden or absent: not_found. */
export async function getCommitmentDetail(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, commitmentId: string): Promise<CommitmentDetail> {
  assertCanView(viewer);
  const loaded = await loadCommitment(ctx.db, allianceId, commitmentId, viewer);
  if (!loaded) throw new AppError("not_found", "No such commitment.");
  const { commitment, row } = loaded;
  const directory = await loadPartyDirectory(ctx.db, allianceId, [
    ...partyIds([row]),
    ...commitment.history.map((m) => m.by),
    ...(commitment.pendingRenegotiation ? [commitment.pendingRenegotiation.personId] : []),
  ]);
  return presentCommitmentDetail(commitment, row, directory, viewer, ctx.clock());
}

/** A page of the alliance's commitments the viewer may see, filtered and searched. */
export async function listCommitments(
  ctx: ServerContext,
  viewer: AllianceViewer,
  allianceId: string,
  filters: CommitmentListFilters & { overdue?: boolean | undefined },
  page: { sort: CommitmentSort; after?: [string, string] | undefined; limit: number },
): Promise<{ items: CommitmentSummary[]; next: [string, string] | null }> {
  assertCanView(viewer);
  const now = ctx.clock();
  const rows = await listCommitmentRows(ctx.db, allianceId, viewer, { ...filters, ...(filters.overdue ? { overdueAt: now } : {}) }, page);
  const pageRows = rows.slice(0, page.limit);
  const commitments = await hydrateCommitments(ctx.db, pageRows);
  const directory = await loadPartyDirectory(ctx.db, allianceId, partyIds(pageRows, commitments.flatMap((c) => (c.pendingRenegotiation ? [c.pendingRenegotiation.personId] : []))));
  const items = commitments.map((c, i) => presentCommitmentSummary(c, pageRows[i] as CommitmentRow, directory, viewer, now));
  const last = pageRows.at(-1);
  const next: [string, string] | null =
    rows.length > page.limit && last ? [(page.sort === "due" ? last.due_at : last.updated_at).toISOString(), last.id] : null;
  return { items, next };
}

/** Counts of a person's open loops, as core's MyLoops counts them (for the navigation and the page's tabs). */
export interface LoopCounts {
  waitsOnMe: number;
  iWaitOn: number;
  overdueWaitsOnMe: number;
  overdueIWaitOn: number;
  waitsOnMeByReason: Record<LoopReason, number>;
  iWaitOnByReason: Record<LoopReason, number>;
}

function zeroByReason(): Record<LoopReason, number> {
  return Object.fromEntries(loopReasons.map((r) => [r, 0])) as Record<LoopReason, number>;
}

/** The viewer's open-loop counts in one alliance at the context's time. */
export async function countMyLoops(ctx: ServerContext, viewer: AllianceViewer, allianceId: string): Promise<LoopCounts> {
  assertCanView(viewer);
  const rows = await countLoopRows(ctx.db, allianceId, viewer.personId, viewer, ctx.clock());
  const counts: LoopCounts = { waitsOnMe: 0, iWaitOn: 0, overdueWaitsOnMe: 0, overdueIWaitOn: 0, waitsOnMeByReason: zeroByReason(), iWaitOnByReason: zeroByReason() };
  for (const row of rows) {
    const n = Number(row.n);
    if (row.side === "waits_on_me") {
      counts.waitsOnMe += n;
      counts.waitsOnMeByReason[row.reason] += n;
      if (row.overdue) counts.overdueWaitsOnMe += n;
    } else {
      counts.iWaitOn += n;
      counts.iWaitOnByReason[row.reason] += n;
      if (row.overdue) counts.overdueIWaitOn += n;
    }
  }
  return counts;
}

/** One list of "my loops" in an alliance (what waits on me, or what I wait on), overdue first, with the counts. */
export async function getMyLoops(
  ctx: ServerContext,
  viewer: AllianceViewer,
  allianceId: string,
  side: LoopSide,
  filters: Omit<LoopFilters, "overdueAt"> & { overdue?: boolean | undefined },
  page: { after?: [string, string] | undefined; limit: number },
) {
  assertCanView(viewer);
  const now = ctx.clock();
  const rows = await listLoopRows(ctx.db, allianceId, viewer.personId, viewer, side, { ...filters, ...(filters.overdue ? { overdueAt: now } : {}) }, page);
  const pageRows = rows.slice(0, page.limit);
  const commitments = await hydrateCommitments(ctx.db, pageRows);
  const directory = await loadPartyDirectory(ctx.db, allianceId, partyIds(pageRows, commitments.flatMap((c) => (c.pendingRenegotiation ? [c.pendingRenegotiation.personId] : []))));
  const items = commitments.map((c, i) => {
    const row = pageRows[i]!;
    return presentLoopItem(c, row, { side: row.loop_side, reason: row.loop_reason, myRole: row.my_role }, directory, viewer, now);
  });
  const last = pageRows.at(-1);
  const next: [string, string] | null = rows.length > page.limit && last?.deadline_at ? [last.deadline_at.toISOString(), last.id] : null;
  return { items, next, counts: await countMyLoops(ctx, viewer, allianceId) };
}

/** The person's open-loop counts in every alliance they hold a role in, and the totals (for the navigation). */
export async function countMyLoopsEverywhere(ctx: ServerContext, person: Person) {
  const alliances = await ctx.db
    .selectFrom("alliances as a")
    .select(["a.id", "a.name", "a.slug"])
    .where((eb) => eb.exists(eb.selectFrom("memberships as m").select("m.id").whereRef("m.alliance_id", "=", "a.id").where("m.person_id", "=", person.id)))
    .orderBy("a.name")
    .execute();
  const perAlliance: ({ allianceId: string; name: string; slug: string } & LoopCounts)[] = [];
  const total = { waitsOnMe: 0, iWaitOn: 0, overdueWaitsOnMe: 0, overdueIWaitOn: 0 };
  for (const alliance of alliances) {
    const viewer = await loadViewer(ctx.db, alliance.id, person);
    if (!can(viewer, "commitment.view")) continue;
    const counts = await countMyLoops(ctx, viewer, alliance.id);
    perAlliance.push({ allianceId: alliance.id, name: alliance.name, slug: alliance.slug, ...counts });
    total.waitsOnMe += counts.waitsOnMe;
    total.iWaitOn += counts.iWaitOn;
    total.overdueWaitsOnMe += counts.overdueWaitsOnMe;
    total.overdueIWaitOn += counts.overdueIWaitOn;
  }
  return { total, alliances: perAlliance };
}
