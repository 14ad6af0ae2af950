import { AppError, can, type AllianceViewer } from "@trellis/core";
import { isReviewDue } from "@trellis/core/decisions";
import { listDecisionLog, listSeatRefs } from "@trellis/db";
import type { ServerContext } from "../../context";
import { decisionLogToCsv, decisionLogToMarkdown, presentLogEntry, type DecisionLogEntry } from "../../presenters/decision-log.presenter";

export interface DecisionLogFilter {
  q?: string | undefined;
  method?: string | undefined;
  result?: string | undefined;
  /** Only decisions whose review date is on or before this day ("YYYY-MM-DD"). */
  reviewDueOn?: string | undefined;
}

/** A page of the decision log: closed proposals, most recently closed first, searchable. */
export async function getDecisionLogPage(
  ctx: ServerContext,
  viewer: AllianceViewer,
  allianceId: string,
  page: DecisionLogFilter & { after?: [string, string] | undefined; limit: number },
): Promise<{ items: DecisionLogEntry[]; nextCursor: [string, string] | null }> {
  if (!can(viewer, "decision.view")) throw new AppError("forbidden", "Your role cannot see the alliance's decisions.");
  const rows = await listDecisionLog(ctx.db, allianceId, viewer, page);
  const shown = rows.slice(0, page.limit);
  const seats = await listSeatRefs(ctx.db, allianceId);
  const seatNames = new Map(seats.map((s) => [s.id, s.name]));
  const now = ctx.clock();
  const items = shown.flatMap((r) =>
    r.outcome
      ? [
          presentLogEntry({
            proposal: r.proposal,
            title: r.title,
            outcome: r.outcome,
            proposerName: r.proposerName,
            seatNames,
            statement: r.statement,
            reviewDue: r.statement ? isReviewDue({ reviewOn: r.statement.reviewOn }, now) : false,
          }),
        ]
      : [],
  );
  const last = shown.at(-1);
  return { items, nextCursor: rows.length > page.limit && last?.proposal.closedAt ? [last.proposal.closedAt, last.proposal.id] : null };
}

/** The whole (filtered) decision log as CSV or Markdown. */
export async function exportDecisionLog(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, input: DecisionLogFilter & { format: "csv" | "markdown" }): Promise<{ body: string; filename: string; contentType: string }> {
  const entries: DecisionLogEntry[] = [];
  let after: [string, string] | undefined;
  for (;;) {
    const page = await getDecisionLogPage(ctx, viewer, allianceId, { ...input, after, limit: 200 });
    entries.push(...page.items);
    if (!page.nextCursor) break;
    after = page.nextCursor;
  }
  const alliance = await ctx.db.selectFrom("alliances").select(["name", "slug"]).where("id", "=", allianceId).executeTakeFirstOrThrow();
  if (input.format === "csv") return { body: decisionLogToCsv(entries), filename: `${alliance.slug}-decision-log.csv`, contentType: "text/csv; charset=utf-8" };
  return { body: decisionLogToMarkdown(alliance.name, entries, ctx.clock()), filename: `${alliance.slug}-decision-log.md`, contentType: "text/markdown; charset=utf-8" };
}
