import { assessDeadline, loopReasonLabels, partyOf, whoseTurn, type Commitment } from "@trellis/core/commitments";
import { canSee } from "@trellis/core";
import { hydrateCommitments, listOverdueCommitmentRows, loadPartyDirectory } from "@trellis/db";
import type { ServerContext } from "../context";
import type { Mail } from "../mail/mailer";
import { notifyPerson, sendNotificationMails } from "../use-cases/notifications/notify-person";
import { describeDue } from "../use-cases/commitments/commitment-events";
import { loadPartyViewer } from "../use-cases/commitments/commitment-parties";
import { claimReminder, type ScheduledJob } from "./job-runner";

/** Loops overdue for longer than this are not reminded again (they were, when they fell due). */
const lookBackMs = 60 * 24 * 3600_000;
const pageSize = 500;

/** The dedup keys of a loop's reminders: one when it falls overdue, one when it escalates; a new date starts afresh. */
export function overdueReminderKeys(commitment: Commitment, deadline: string): { overdue: string; escalated: string } {
  return { overdue: `commitment-overdue:${commitment.id}:${deadline}`, escalated: `commitment-escalated:${commitment.id}:${deadline}` };
}

async function remind(ctx: ServerContext, commitment: Commitment, now: Date): Promise<number> {
  const deadline = assessDeadline(commitment, now);
  if (!deadline.isOverdue || deadline.waitsOn === null || deadline.deadline === null) return 0;
  const owing = partyOf(commitment, deadline.waitsOn);
  const turn = whoseTurn(commitment);
  const reason = turn && turn.role === deadline.waitsOn ? turn.reason : "perform";
  const keys = overdueReminderKeys(commitment, deadline.deadline);
  let sent = 0;
  // A loop found already escalated (say, after downtime) gets the escalation only, not both.
  const steps = [deadline.level === "escalated" ? { key: keys.escalated, escalated: true } : { key: keys.overdue, escalated: false }];
  for (const step of steps) {
    const mails = await ctx.db.transaction().execute(async (trx) => {
      if (!(await claimReminder(trx, step.key))) return [] as (Mail | null)[];
      const directory = await loadPartyDirectory(trx, commitment.allianceId, [commitment.customer.personId, commitment.performer.personId]);
      const owingName = directory.people.get(owing.personId)?.displayName ?? "Someone";
      const due = `${deadline.deadlineKind === "answer_by" ? "Answer promised by" : "Due"}: ${describeDue(deadline.deadline!, commitment.timeZone)} (${deadline.overdueDays} day(s) ago).`;
      const out: (Mail | null)[] = [];
      const toOwing = await notifyPerson(trx, ctx.settings.publicUrl, {
        personId: owing.personId,
        allianceId: commitment.allianceId,
        kind: step.escalated ? "commitment.escalated" : "commitment.overdue",
        title: step.escalated
          ? `“${commitment.title}” is overdue by more than a week: ${loopReasonLabels[reason]} (the facilitator sees it now)`
          : `“${commitment.title}” is overdue: ${loopReasonLabels[reason]}`,
        body: `${due}\nIf the terms no longer work, propose new ones or release the promise openly.`,
        record: { type: "commitment", id: commitment.id },
        at: now,
      });
      out.push(toOwing.mail);
      if (step.escalated) {
        const facilitators = await trx.selectFrom("memberships").select("person_id").where("alliance_id", "=", commitment.allianceId).where("role", "=", "facilitator").execute();
        for (const { person_id } of facilitators) {
          if (person_id === commitment.customer.personId || person_id === commitment.performer.personId) continue;
          if (!canSee(await loadPartyViewer(trx, commitment.allianceId, person_id), commitment.visibility)) continue;
          const notified = await notifyPerson(trx, ctx.settings.publicUrl, {
            personId: person_id,
            allianceId: commitment.allianceId,
            kind: "commitment.escalated",
            title: `Overdue by more than a week: “${commitment.title}” waits on ${owingName} (${loopReasonLabels[reason]})`,
            body: `${due}\nYou can nudge ${owingName} from the commitment's page.`,
            record: { type: "commitment", id: commitment.id },
            at: now,
          });
          out.push(notified.mail);
        }
      }
      return out;
    });
    if (mails.length > 0) sent++;
    await sendNotificationMails(ctx, mails);
  }
  return sent;
}

/**
 * Sends each overdue loop's reminder once: to the party who owes what the date is for when it
 * falls overdue, and again (with the alliance's facilitators) when it is escalated. Every reminder
 * is claimed by its dedup key in the transaction that writes it, so two instances never send the
 * same one; the job itself runs under a lease.
 */
export async function sendOverdueReminders(ctx: ServerContext, now: Date): Promise<{ reminders: number }> {
  let reminders = 0;
  let after: [string, string] | undefined;
  for (;;) {
    const rows = await listOverdueCommitmentRows(ctx.db, { since: new Date(now.getTime() - lookBackMs), before: now }, { after, limit: pageSize });
    if (rows.length === 0) break;
    for (const commitment of await hydrateCommitments(ctx.db, rows)) reminders += await remind(ctx, commitment, now);
    const last = rows[rows.length - 1]!;
    after = [last.deadline_at!.toISOString(), last.id];
    if (rows.length < pageSize) break;
  }
  return { reminders };
}

/** Overdue reminders every ten minutes, on whichever instance holds the lease. */
export const overdueRemindersJob: ScheduledJob = {
  name: "commitments.overdue-reminders",
  intervalMs: 10 * 60_000,
  leaseMs: 5 * 60_000,
  run: async (ctx, now) => {
    await sendOverdueReminders(ctx, now);
  },
};
