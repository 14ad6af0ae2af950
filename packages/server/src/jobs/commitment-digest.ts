import { can } from "@trellis/core";
import { isValidTimeZone, loopReasonLabels } from "@trellis/core/commitments";
import { formatLocalDateTime, localDateTimeAt } from "@trellis/core/rhythm";
import { listLoopRows, listPeopleWithOpenLoops, loadPartyDirectory, type LoopRow } from "@trellis/db";
import type { ServerContext } from "../context";
import type { Mail } from "../mail/mailer";
import { describeDue } from "../use-cases/commitments/commitment-events";
import { countMyLoops } from "../use-cases/commitments/read-commitments";
import { loadViewer } from "../use-cases/load-viewer";
import { claimReminder, type ScheduledJob } from "./job-runner";

/** The digest goes out once a day, from this local hour on, in each person's time zone. */
export const digestHour = 8;
const itemsPerList = 10;

interface Recipient {
  id: string;
  email: string;
  display_name: string;
  time_zone: string;
}

function line(row: LoopRow, now: Date, counterpart: string): string {
  const overdue = row.deadline_at !== null && row.deadline_at < now ? `[overdue ${Math.floor((now.getTime() - row.deadline_at.getTime()) / 86_400_000)} d] ` : "";
  return `  - ${overdue}“${row.title}”: ${loopReasonLabels[row.loop_reason]} (${counterpart}), due ${describeDue(row.due_at.toISOString(), row.time_zone)}`;
}

/** The digest of one person's open loops across their alliances; null when nothing is open. */
export async function buildDigest(ctx: ServerContext, person: Recipient, now: Date): Promise<Mail | null> {
  const alliances = await ctx.db
    .selectFrom("alliances as a")
    .select(["a.id", "a.name"])
    .where((eb) => eb.exists(eb.selectFrom("memberships as m").select("m.id").whereRef("m.alliance_id", "=", "a.id").where("m.person_id", "=", person.id)))
    .orderBy("a.name")
    .execute();
  const sections: string[] = [];
  let waiting = 0;
  let overdue = 0;
  for (const alliance of alliances) {
    const viewer = await loadViewer(ctx.db, alliance.id, { id: person.id, email: person.email, displayName: person.display_name, isAdmin: false, timeZone: person.time_zone });
    if (!can(viewer, "commitment.view")) continue;
    const counts = await countMyLoops(ctx, viewer, alliance.id);
    if (counts.waitsOnMe + counts.iWaitOn === 0) continue;
    waiting += counts.waitsOnMe;
    overdue += counts.overdueWaitsOnMe;
    const mine = await listLoopRows(ctx.db, alliance.id, person.id, viewer, "waits_on_me", {}, { limit: itemsPerList });
    const theirs = await listLoopRows(ctx.db, alliance.id, person.id, viewer, "i_wait_on", {}, { limit: itemsPerList });
    const directory = await loadPartyDirectory(ctx.db, alliance.id, [...mine, ...theirs].flatMap((r) => [r.customer_person_id, r.performer_person_id]));
    const other = (row: LoopRow) => {
      const personId = row.my_role === "customer" ? row.performer_person_id : row.customer_person_id;
      const seatId = row.my_role === "customer" ? row.performer_seat_id : row.customer_seat_id;
      return `${directory.people.get(personId)?.displayName ?? "someone"}, ${directory.seats.get(seatId)?.name ?? "a seat"}`;
    };
    const parts = [`${alliance.name}`];
    if (counts.waitsOnMe > 0) {
      parts.push(`Waiting on you (${counts.waitsOnMe}${counts.overdueWaitsOnMe ? `, ${counts.overdueWaitsOnMe} overdue` : ""}):`);
      parts.push(...mine.slice(0, itemsPerList).map((r) => line(r, now, other(r))));
      if (counts.waitsOnMe > itemsPerList) parts.push(`  … and ${counts.waitsOnMe - itemsPerList} more`);
    }
    if (counts.iWaitOn > 0) {
      parts.push(`You wait on (${counts.iWaitOn}${counts.overdueIWaitOn ? `, ${counts.overdueIWaitOn} overdue` : ""}):`);
      parts.push(...theirs.slice(0, itemsPerList).map((r) => line(r, now, other(r))));
      if (counts.iWaitOn > itemsPerList) parts.push(`  … and ${counts.iWaitOn - itemsPerList} more`);
    }
    parts.push(`Open your loops: ${ctx.settings.publicUrl}/alliances/${alliance.id}/loops`);
    sections.push(parts.join("\n"));
  }
  if (sections.length === 0) return null;
  return {
    to: person.email,
    subject: waiting > 0 ? `Your open loops: ${waiting} waiting on you${overdue ? ` (${overdue} overdue)` : ""}` : "Your open loops: what you are waiting on",
    text: `Good morning ${person.display_name},\n\nHere is where your conversations for action stand.\n\n${sections.join("\n\n")}\n`,
  };
}

/** The person's local calendar date and hour now, in their zone (UTC when the zone is unknown). */
export function localNow(now: Date, timeZone: string): { date: string; hour: number } {
  const local = localDateTimeAt(now.getTime(), isValidTimeZone(timeZone) ? timeZone : "UTC");
  return { date: formatLocalDateTime(local).slice(0, 10), hour: local.hour };
}

/**
 * Sends each person with open loops one digest per local day, from 08:00 in their time zone.
 * The day's dedup key is claimed before the mail goes, so two instances never both send it.
 */
export async function sendDailyDigests(ctx: ServerContext, now: Date): Promise<{ sent: number }> {
  let sent = 0;
  for (const person of await listPeopleWithOpenLoops(ctx.db)) {
    const local = localNow(now, person.time_zone);
    if (local.hour < digestHour) continue;
    const key = `commitments-digest:${person.id}:${local.date}`;
    const already = await ctx.db.selectFrom("sent_reminders").select("dedup_key").where("dedup_key", "=", key).executeTakeFirst();
    if (already) continue;
    const mail = await buildDigest(ctx, person, now);
    if (!mail) continue;
    const claimed = await ctx.db.transaction().execute((trx) => claimReminder(trx, key));
    if (!claimed) continue;
    await ctx.mailer.send(mail).catch((error: Error) => ctx.log(`Digest to ${person.email} failed: ${error.message}`));
    sent++;
  }
  return { sent };
}

/** The daily digest of open loops, checked every fifteen minutes (each person gets it once, after 08:00 local). */
export const dailyDigestJob: ScheduledJob = {
  name: "commitments.daily-digest",
  intervalMs: 15 * 60_000,
  leaseMs: 10 * 60_000,
  run: async (ctx, now) => {
    await sendDailyDigests(ctx, now);
  },
};
