import type { Trx } from "@trellis/db";
import type { ServerContext } from "../../context";
import type { Mail } from "../../mail/mailer";

/** What a capability tells a person: an in-app notification and, unless switched off, an email. */
export interface NotificationInput {
  personId: string;
  allianceId: string | null;
  /** A stable kind, e.g. `commitment.move`, `commitment.nudge`, `commitment.overdue`. */
  kind: string;
  /** One line, in plain words: what happened and who did it. */
  title: string;
  body?: string;
  /** The record the notification is about (the web app links to it). */
  record?: { type: string; id: string } | null;
  actorId?: string | null;
  at: Date;
  /** Send an email too (after the commit). Default: true. */
  email?: boolean;
}

/** A notification written in the transaction, with the mail to send once it commits. */
export interface Notified {
  id: string;
  mail: Mail | null;
}

/** Where the web app shows a record; null when it has no page of its own. */
export function recordPath(allianceId: string | null, record: { type: string; id: string } | null | undefined): string | null {
  if (!record || !allianceId) return allianceId ? `/alliances/${allianceId}` : null;
  if (record.type === "commitment") return `/alliances/${allianceId}/commitments/${record.id}`;
  return `/alliances/${allianceId}`;
}

/**
 * Writes an in-app notification in the caller's transaction and prepares its email. Send the
 * returned mails with `sendNotificationMails` after the commit, so a rolled-back change never
 * mails anyone.
 */
export async function notifyPerson(trx: Trx, publicUrl: string, input: NotificationInput): Promise<Notified> {
  const person = await trx.selectFrom("people").select(["email", "display_name"]).where("id", "=", input.personId).executeTakeFirst();
  const row = await trx
    .insertInto("notifications")
    .values({
      person_id: input.personId,
      alliance_id: input.allianceId,
      kind: input.kind,
      title: input.title,
      body: input.body ?? "",
      record_type: input.record?.type ?? null,
      record_id: input.record?.id ?? null,
      actor_id: input.actorId ?? null,
      created_at: input.at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (!person || input.email === false) return { id: row.id, mail: null };
  const path = recordPath(input.allianceId, input.record);
  return {
    id: row.id,
    mail: {
      to: person.email,
      subject: input.title,
      text: `Hello ${person.display_name},\n\n${input.title}\n\n${input.body ? `${input.body}\n\n` : ""}${path ? `Open it in Trellis: ${publicUrl}${path}\n` : ""}`,
    },
  };
}

/** Sends the mails of committed notifications; a failing mail is logged, never undoes the change. */
export async function sendNotificationMails(ctx: ServerContext, notified: readonly (Notified | Mail | null)[]): Promise<void> {
  for (const item of notified) {
    const mail = item === null ? null : "mail" in item ? item.mail : item;
    if (!mail) continue;
    try {
      await ctx.mailer.send(mail);
    } catch (error) {
      ctx.log(`Mail to ${mail.to} failed: ${(error as Error).message}`);
    }
  }
}
