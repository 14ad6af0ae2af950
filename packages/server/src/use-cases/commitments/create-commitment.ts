import { randomUUID } from "node:crypto";
import { AppError, can, type AllianceViewer, type Visibility } from "@trellis/core";
import { applyMove, createCommitment as draftCommitment, type Commitment, type CommitmentLinks } from "@trellis/core/commitments";
import { insertCommitmentRow } from "@trellis/db";
import type { ServerContext } from "../../context";
import { sendNotificationMails } from "../notifications/notify-person";
import { assertVisibilityForParties, chooseSeat, loadPartyViewer } from "./commitment-parties";
import { recordMove } from "./record-move";

/** What opens a conversation for action: a request (I am the customer) or an offer (I am the performer). */
export interface CreateCommitmentInput {
  opening: "request" | "offer";
  title: string;
  /** What "done" means. */
  conditions: string;
  /** ISO 8601 instant with an offset. */
  dueAt: string;
  /** IANA zone the due date is meant in. */
  timeZone: string;
  /** The seat I act for; default: my only seat. */
  seatId?: string | undefined;
  /** The other party: who performs my request, or who receives my offer. */
  counterpart: { personId: string; seatId?: string | undefined };
  links?: CommitmentLinks | undefined;
  visibility?: Visibility | undefined;
  message?: string | undefined;
}

/** Bounds free text from any client (the API's schemas say the same; the CLI comes here directly). */
export function assertLength(value: string, max: number, field: string): void {
  if (value.length > max) throw new AppError("validation_failed", `The ${field} is too long (at most ${max} characters).`, { issues: [{ path: field, message: `at most ${max} characters` }] });
}

/** Keeps instants inside what both databases store (core checks the format; this checks the range). */
export function assertStorableInstant(value: string | undefined, field: string): void {
  if (value === undefined) return;
  const ms = Date.parse(value);
  if (!Number.isNaN(ms) && (ms < Date.UTC(1970, 0, 1) || ms >= Date.UTC(9000, 0, 1))) {
    throw new AppError("validation_failed", `The ${field} must be between 1970 and 9000.`, { issues: [{ path: field, message: "out of range" }] });
  }
}

/**
 * Opens a commitment: drafts it and makes the opening move (request or offer) in one
 * transaction with its event, and notifies the other party.
 */
export async function createCommitment(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, input: CreateCommitmentInput): Promise<Commitment> {
  assertLength(input.title.trim(), 200, "title");
  assertLength(input.conditions, 4000, "conditions");
  assertLength(input.message ?? "", 4000, "message");
  assertStorableInstant(input.dueAt, "dueAt");
  const mySeat = chooseSeat(viewer, input.seatId, "you");
  if (!can(viewer, "commitment.create", { seatId: mySeat })) throw new AppError("forbidden", "Your role cannot make requests or offers in this alliance.");
  if (input.counterpart.personId === viewer.personId) {
    throw new AppError("validation_failed", "A commitment is between two different people.", { issues: [{ path: "counterpart.personId", message: "is you" }] });
  }
  const counterpartViewer = await loadPartyViewer(ctx.db, allianceId, input.counterpart.personId);
  if (counterpartViewer.roles.length === 0) throw new AppError("validation_failed", "That person is not in this alliance.", { issues: [{ path: "counterpart.personId", message: "not a member" }] });
  const theirSeat = chooseSeat(counterpartViewer, input.counterpart.seatId, "they");
  const me = { personId: viewer.personId, seatId: mySeat };
  const them = { personId: input.counterpart.personId, seatId: theirSeat };
  const [customer, performer] = input.opening === "request" ? [me, them] : [them, me];
  const visibility: Visibility = input.visibility ?? { level: "alliance" };
  await assertVisibilityForParties(ctx.db, allianceId, visibility, [
    { party: me, viewer },
    { party: them, viewer: counterpartViewer },
  ]);

  const now = ctx.clock();
  const draft = draftCommitment(
    { id: randomUUID(), allianceId, customer, performer, title: input.title, conditions: input.conditions, dueAt: input.dueAt, timeZone: input.timeZone, links: input.links ?? {}, visibility },
    now,
  );
  const opened = applyMove(draft, { name: input.opening, ...(input.message !== undefined ? { message: input.message } : {}) }, viewer, now);
  const notified = await ctx.db.transaction().execute(async (trx) => {
    await insertCommitmentRow(trx, opened, { createdBy: viewer.personId, at: now });
    return (await recordMove(ctx, trx, draft, opened, now)).notified;
  });
  await sendNotificationMails(ctx, [notified]);
  return opened;
}
