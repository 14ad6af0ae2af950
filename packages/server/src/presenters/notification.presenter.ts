import type { NotificationRow } from "@trellis/db";
import { z } from "zod";
import { recordPath } from "../use-cases/notifications/notify-person";

export const notificationSchema = z.object({
  id: z.string(),
  kind: z.string().meta({ description: "commitment.move (a move addressed to you), commitment.nudge, commitment.overdue, commitment.escalated, …" }),
  title: z.string(),
  body: z.string(),
  allianceId: z.string().nullable(),
  record: z.object({ type: z.string(), id: z.string() }).nullable(),
  path: z.string().nullable().meta({ description: "Where the web app shows the record, e.g. /alliances/{id}/commitments/{commitmentId}." }),
  actorId: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

/** A notification as it leaves the server. */
export function presentNotification(row: NotificationRow): z.infer<typeof notificationSchema> {
  const record = row.record_type && row.record_id ? { type: row.record_type, id: row.record_id } : null;
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    allianceId: row.alliance_id,
    record,
    path: recordPath(row.alliance_id, record),
    actorId: row.actor_id,
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at?.toISOString() ?? null,
  };
}
