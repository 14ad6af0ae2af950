import type { Visibility } from "@trellis/core";
import { appendEvent, type ChainedEvent } from "@trellis/db";
import type { Schema } from "@trellis/db";
import type { Transaction } from "kysely";

/** Appends a domain event in the use case's transaction (see packages/db/src/event-log.ts). */
export function recordEvent(
  trx: Transaction<Schema>,
  at: Date,
  event: { allianceId: string; type: string; actorId: string | null; seatId?: string | null; visibility?: Visibility; payload: Record<string, unknown> },
): Promise<ChainedEvent> {
  return appendEvent(trx, {
    allianceId: event.allianceId,
    type: event.type,
    actorId: event.actorId,
    seatId: event.seatId ?? null,
    visibility: event.visibility ?? { level: "alliance" },
    payload: event.payload,
    occurredAt: at,
  });
}
