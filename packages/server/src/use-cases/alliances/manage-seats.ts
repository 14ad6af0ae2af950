import { AppError, can, type AllianceRole, type AllianceViewer } from "@trellis/core";
import type { Trx } from "@trellis/db";
import type { ServerContext } from "../../context";
import { recordEvent } from "../record-event";

/** Gives an organization a seat in the alliance (facilitators only). */
export async function addSeat(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, input: { organizationId: string; weight?: number | undefined }): Promise<{ id: string }> {
  if (!can(viewer, "seat.create")) throw new AppError("forbidden", "Only a facilitator can add seats.");
  const now = ctx.clock();
  return ctx.db.transaction().execute(async (trx) => {
    const organization = await trx.selectFrom("organizations").select(["id", "name"]).where("id", "=", input.organizationId).executeTakeFirst();
    if (!organization) throw new AppError("not_found", "No such organization.");
    const taken = await trx.selectFrom("seats").select("id").where("alliance_id", "=", allianceId).where("organization_id", "=", input.organizationId).executeTakeFirst();
    if (taken) throw new AppError("already_exists", `${organization.name} already has a seat in this alliance.`, { seatId: taken.id });
    const seat = await trx
      .insertInto("seats")
      .values({ alliance_id: allianceId, organization_id: input.organizationId, weight: input.weight ?? 1, created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordEvent(trx, now, { allianceId, type: "seat.added", actorId: viewer.personId, seatId: seat.id, payload: { seatId: seat.id, organizationId: organization.id, organizationName: organization.name, weight: input.weight ?? 1 } });
    return seat;
  });
}

/** Changes a seat's weight (facilitators only; versioned). */
export async function updateSeat(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, seatId: string, input: { version: number; weight: number }): Promise<void> {
  if (!can(viewer, "seat.update")) throw new AppError("forbidden", "Only a facilitator can change seats.");
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    const seat = await trx.selectFrom("seats").select(["version", "weight"]).where("id", "=", seatId).where("alliance_id", "=", allianceId).forUpdate().executeTakeFirst();
    if (!seat) throw new AppError("not_found", "No such seat in this alliance.");
    if (seat.version !== input.version) throw new AppError("stale_version", "The seat was changed by someone else; reload and try again.", { version: seat.version });
    await trx.updateTable("seats").set({ weight: input.weight, version: seat.version + 1 }).where("id", "=", seatId).execute();
    await recordEvent(trx, now, { allianceId, type: "seat.updated", actorId: viewer.personId, seatId, payload: { seatId, weight: input.weight, from: { weight: seat.weight } } });
  });
}

/** Gives a person a role in the alliance, acting for a seat where the role needs one. */
export async function addMember(
  ctx: ServerContext,
  viewer: AllianceViewer | null,
  allianceId: string,
  input: { personId: string; role: AllianceRole; seatId: string | null },
): Promise<void> {
  if (viewer && !can(viewer, "membership.update")) throw new AppError("forbidden", "Only a facilitator can change roles.");
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    await insertMembership(trx, allianceId, input, now);
    const person = await trx.selectFrom("people").select("display_name").where("id", "=", input.personId).executeTakeFirstOrThrow();
    await recordEvent(trx, now, {
      allianceId,
      type: "person.joined",
      actorId: viewer?.personId ?? input.personId,
      seatId: input.seatId,
      payload: { personId: input.personId, displayName: person.display_name, role: input.role, seatId: input.seatId },
    });
  });
}

/** Inserts a membership row after checking the seat belongs to the alliance; idempotent. */
export async function insertMembership(
  trx: Trx,
  allianceId: string,
  input: { personId: string; role: AllianceRole; seatId: string | null },
  now: Date,
): Promise<boolean> {
  const needsSeat = input.role === "delegate" || input.role === "member";
  if (needsSeat && !input.seatId) throw new AppError("validation_failed", `A ${input.role} acts for a seat: choose one.`, { issues: [{ path: "seatId", message: "required for this role" }] });
  if (input.seatId) {
    const seat = await trx.selectFrom("seats").select("id").where("id", "=", input.seatId).where("alliance_id", "=", allianceId).executeTakeFirst();
    if (!seat) throw new AppError("not_found", "No such seat in this alliance.");
  }
  const person = await trx.selectFrom("people").select("id").where("id", "=", input.personId).executeTakeFirst();
  if (!person) throw new AppError("not_found", "No such person.");
  const existing = await trx
    .selectFrom("memberships")
    .select("id")
    .where("alliance_id", "=", allianceId)
    .where("person_id", "=", input.personId)
    .where("role", "=", input.role)
    .where((eb) => (input.seatId ? eb("seat_id", "=", input.seatId) : eb("seat_id", "is", null)))
    .executeTakeFirst();
  if (existing) return false;
  await trx.insertInto("memberships").values({ alliance_id: allianceId, person_id: input.personId, role: input.role, seat_id: input.seatId, created_at: now }).execute();
  return true;
}
