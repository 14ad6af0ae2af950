import { AppError, can, type AllianceViewer } from "@trellis/core";
import type { ServerContext } from "../../context";
import { recordEvent } from "../record-event";

/** Names a clean team: the people who may see raw competitively sensitive records. */
export async function createCleanTeam(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, input: { name: string }): Promise<{ id: string }> {
  if (!can(viewer, "clean_team.manage")) throw new AppError("forbidden", "Only facilitators and counsel manage clean teams.");
  const now = ctx.clock();
  return ctx.db.transaction().execute(async (trx) => {
    const team = await trx.insertInto("clean_teams").values({ alliance_id: allianceId, name: input.name.trim(), created_at: now }).returning("id").executeTakeFirstOrThrow();
    await recordEvent(trx, now, { allianceId, type: "clean_team.created", actorId: viewer.personId, visibility: { level: "facilitators" }, payload: { cleanTeamId: team.id, name: input.name.trim() } });
    return team;
  });
}

/** Adds a person of the alliance to a clean team. */
export async function addCleanTeamMember(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, cleanTeamId: string, personId: string): Promise<void> {
  if (!can(viewer, "clean_team.manage")) throw new AppError("forbidden", "Only facilitators and counsel manage clean teams.");
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    const team = await trx.selectFrom("clean_teams").select(["id", "name"]).where("id", "=", cleanTeamId).where("alliance_id", "=", allianceId).executeTakeFirst();
    if (!team) throw new AppError("not_found", "No such clean team in this alliance.");
    const member = await trx.selectFrom("memberships").select("id").where("alliance_id", "=", allianceId).where("person_id", "=", personId).executeTakeFirst();
    if (!member) throw new AppError("not_found", "That person holds no role in this alliance.");
    const inserted = await trx.insertInto("clean_team_members").values({ clean_team_id: cleanTeamId, person_id: personId }).onConflict((oc) => oc.doNothing()).returning("person_id").executeTakeFirst();
    if (inserted) {
      await recordEvent(trx, now, { allianceId, type: "clean_team.member_added", actorId: viewer.personId, visibility: { level: "clean_team", cleanTeamId }, payload: { cleanTeamId, name: team.name, personId } });
    }
  });
}
