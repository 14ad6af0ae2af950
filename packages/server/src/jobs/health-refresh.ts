import { sql } from "kysely";
import type { ServerContext } from "../context";
import { healthServiceFor } from "../health/health-service";
import type { ScheduledJob } from "./job-runner";

/** Alliances refreshed per run at most, so one run never holds the lease for long. */
const perRun = 200;

/**
 * Keeps every alliance's health snapshot and alerts current off the request path: alliances whose
 * log moved past their snapshot, or whose snapshot is from an earlier day (the index and the weekly
 * alert checks move with the calendar), are refreshed, the most behind first.
 */
export async function refreshStaleHealth(ctx: ServerContext, now: Date): Promise<number> {
  const startOfDay = new Date(Math.floor(now.getTime() / 86_400_000) * 86_400_000);
  const rows = await sql<{ id: string }>`select a.id from alliances a
      left join health_snapshots hs on hs.alliance_id = a.id
      left join chain_heads ch on ch.alliance_id = a.id
    where hs.alliance_id is null or hs.last_seq < coalesce(ch.seq, 0) or hs.as_of < ${startOfDay}
    order by hs.computed_at asc nulls first, a.id
    limit ${perRun}`.execute(ctx.db);
  const service = healthServiceFor(ctx);
  for (const row of rows.rows) await service.refresh(row.id, now);
  return rows.rows.length;
}

export const healthRefreshJob: ScheduledJob = {
  name: "health.refresh",
  intervalMs: 10 * 60_000,
  leaseMs: 9 * 60_000,
  run: async (ctx, now) => {
    await refreshStaleHealth(ctx, now);
  },
};
