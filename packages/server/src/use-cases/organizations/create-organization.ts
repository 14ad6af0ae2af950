import { AppError, type OrganizationKind } from "@trellis/core";
import type { ServerContext } from "../../context";

/** Registers an organization; names are unique regardless of case. */
export async function createOrganization(
  ctx: ServerContext,
  input: { name: string; kind: OrganizationKind; sector?: string | undefined; website?: string | undefined },
): Promise<{ id: string }> {
  const name = input.name.trim();
  const clash = await ctx.db.selectFrom("organizations").select("id").where((eb) => eb(eb.fn("lower", ["name"]), "=", name.toLowerCase())).executeTakeFirst();
  if (clash) throw new AppError("already_exists", `An organization named ${name} already exists.`, { id: clash.id });
  return ctx.db
    .insertInto("organizations")
    .values({ name, kind: input.kind, sector: input.sector?.trim() ?? "", website: input.website?.trim() ?? "" })
    .returning("id")
    .executeTakeFirstOrThrow();
}

/** Changes an organization's details (optimistic: a stale version gets stale_version). */
export async function updateOrganization(
  ctx: ServerContext,
  id: string,
  input: { version: number; name?: string | undefined; kind?: OrganizationKind | undefined; sector?: string | undefined; website?: string | undefined },
): Promise<void> {
  const existing = await ctx.db.selectFrom("organizations").select("version").where("id", "=", id).executeTakeFirst();
  if (!existing) throw new AppError("not_found", "No such organization.");
  const result = await ctx.db
    .updateTable("organizations")
    .set((eb) => ({
      version: eb("version", "+", 1),
      ...(input.name !== undefined ? { name: input.name.trim() } : {}),
      ...(input.kind !== undefined ? { kind: input.kind } : {}),
      ...(input.sector !== undefined ? { sector: input.sector.trim() } : {}),
      ...(input.website !== undefined ? { website: input.website.trim() } : {}),
    }))
    .where("id", "=", id)
    .where("version", "=", input.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new AppError("stale_version", "The organization was changed by someone else; reload and try again.", { version: existing.version });
}
