import type { EventListRow } from "@trellis/db";
import { visibilityFromColumns } from "@trellis/db";
import { z } from "zod";

export const eventSchema = z.object({
  seq: z.number().int(),
  type: z.string(),
  occurredAt: z.string(),
  actor: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  seatId: z.string().nullable(),
  visibility: z.string(),
  payload: z.record(z.string(), z.unknown()),
  hash: z.string(),
});

/** An event as it leaves the server (the chain fields other than the hash stay inside). */
export function presentEvent(row: EventListRow): z.infer<typeof eventSchema> {
  return {
    seq: row.seq,
    type: row.type,
    occurredAt: row.occurred_at.toISOString(),
    actor: row.actor_id ? { id: row.actor_id, displayName: row.actor_name ?? "Someone" } : null,
    seatId: row.seat_id,
    visibility: visibilityFromColumns(row).level,
    payload: (row.payload ?? {}) as Record<string, unknown>,
    hash: row.hash,
  };
}
