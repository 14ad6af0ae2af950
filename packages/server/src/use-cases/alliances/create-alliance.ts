import { AppError } from "@trellis/core";
import type { ServerContext } from "../../context";
import { recordEvent } from "../record-event";

/** Turns a name into a URL slug. */
export function slugify(name: string): string {
  return (
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 60) || "alliance"
  );
}

/** Creates an alliance; its creator becomes its first facilitator. */
export async function createAlliance(
  ctx: ServerContext,
  actorId: string,
  input: { name: string; purpose?: string | undefined; hasCompetitors?: boolean | undefined },
): Promise<{ id: string; slug: string }> {
  const now = ctx.clock();
  return ctx.db.transaction().execute(async (trx) => {
    const base = slugify(input.name);
    let slug = base;
    for (let n = 2; await trx.selectFrom("alliances").select("id").where("slug", "=", slug).executeTakeFirst(); n++) slug = `${base}-${n}`;
    const alliance = await trx
      .insertInto("alliances")
      .values({ slug, name: input.name.trim(), purpose: input.purpose?.trim() ?? "", has_competitors: input.hasCompetitors ?? false, created_at: now, updated_at: now })
      .returning(["id", "slug"])
      .executeTakeFirstOrThrow();
    await trx.insertInto("memberships").values({ alliance_id: alliance.id, person_id: actorId, role: "facilitator", seat_id: null, created_at: now }).execute();
    await recordEvent(trx, now, { allianceId: alliance.id, type: "alliance.created", actorId, payload: { name: input.name.trim(), purpose: input.purpose?.trim() ?? "" } });
    const person = await trx.selectFrom("people").select("display_name").where("id", "=", actorId).executeTakeFirstOrThrow();
    await recordEvent(trx, now, { allianceId: alliance.id, type: "person.joined", actorId, payload: { personId: actorId, displayName: person.display_name, role: "facilitator", seatId: null } });
    if (!alliance) throw new AppError("conflict", "The alliance could not be created.");
    return alliance;
  });
}
