import { AppError } from "@trellis/core";
import type { NotificationRow } from "@trellis/db";
import { sql, type SqlBool } from "kysely";
import type { ServerContext } from "../../context";

/** Filters of a person's notifications. */
export interface NotificationFilters {
  unread?: boolean | undefined;
  allianceId?: string | undefined;
  /** A kind, or a prefix ending in a dot (`commitment.`). */
  kind?: string | undefined;
  q?: string | undefined;
}

/** Only notifications of alliances the person still holds a role in (or of none). */
const stillMember = (personId: string) =>
  sql<SqlBool>`(n.alliance_id is null or exists (select 1 from memberships m where m.alliance_id = n.alliance_id and m.person_id = ${personId}))`;

/** A page of the person's notifications, newest first (limit + 1 rows). */
export async function listNotifications(
  ctx: ServerContext,
  personId: string,
  filters: NotificationFilters,
  page: { after?: [string, string] | undefined; limit: number },
): Promise<NotificationRow[]> {
  let query = ctx.db.selectFrom("notifications as n").selectAll("n").where("n.person_id", "=", personId).where(stillMember(personId));
  if (filters.unread) query = query.where("n.read_at", "is", null);
  if (filters.allianceId) query = query.where("n.alliance_id", "=", filters.allianceId);
  if (filters.kind) {
    const kind = filters.kind;
    query = kind.endsWith(".") ? query.where("n.kind", "like", `${kind.replace(/[%_\\]/g, "\\$&")}%`) : query.where("n.kind", "=", kind);
  }
  if (filters.q) {
    const pattern = `%${filters.q.replace(/[%_\\]/g, "\\$&")}%`;
    query = query.where(sql<SqlBool>`(n.title ilike ${pattern} or n.body ilike ${pattern})`);
  }
  if (page.after) query = query.where(sql<SqlBool>`(n.created_at, n.id) < (${page.after[0]}::timestamptz, ${page.after[1]}::uuid)`);
  return query.orderBy("n.created_at", "desc").orderBy("n.id", "desc").limit(page.limit + 1).execute();
}

/** How many unread notifications the person has, in all and per alliance (for the navigation). */
export async function countUnreadNotifications(ctx: ServerContext, personId: string): Promise<{ total: number; byAlliance: { allianceId: string | null; count: number }[] }> {
  const rows = await ctx.db
    .selectFrom("notifications as n")
    .select((eb) => ["n.alliance_id", eb.fn.countAll<number>().as("count")])
    .where("n.person_id", "=", personId)
    .where("n.read_at", "is", null)
    .where(stillMember(personId))
    .groupBy("n.alliance_id")
    .execute();
  const byAlliance = rows.map((r) => ({ allianceId: r.alliance_id, count: Number(r.count) }));
  return { total: byAlliance.reduce((sum, r) => sum + r.count, 0), byAlliance };
}

/** Marks one of the person's notifications read (idempotent); someone else's is not_found. */
export async function markNotificationRead(ctx: ServerContext, personId: string, notificationId: string): Promise<void> {
  const result = await ctx.db
    .updateTable("notifications")
    .set({ read_at: sql<Date>`coalesce(read_at, ${ctx.clock()}::timestamptz)` })
    .where("id", "=", notificationId)
    .where("person_id", "=", personId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new AppError("not_found", "No such notification.");
}

/** Marks the person's notifications read: the given ids, or all (of one alliance); returns how many changed. */
export async function markNotificationsRead(ctx: ServerContext, personId: string, input: { ids?: string[] | undefined; allianceId?: string | undefined }): Promise<number> {
  let query = ctx.db.updateTable("notifications").set({ read_at: ctx.clock() }).where("person_id", "=", personId).where("read_at", "is", null);
  if (input.ids) {
    if (input.ids.length === 0) return 0;
    query = query.where("id", "in", input.ids);
  }
  if (input.allianceId) query = query.where("alliance_id", "=", input.allianceId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
