import type { FastifyInstance } from "fastify";
import { AppError, organizationKinds } from "@trellis/core";
import { sql } from "kysely";
import { z } from "zod";
import type { ServerContext } from "../context";
import { defineRoute, idParams, pageQuery } from "../http/route";
import { createOrganization, updateOrganization } from "../use-cases/organizations/create-organization";

const organizationSchema = z.object({ id: z.string(), name: z.string(), kind: z.enum(organizationKinds), sector: z.string(), website: z.string(), version: z.number().int() });
const website = z.union([z.url({ protocol: /^https?$/ }).max(300), z.literal("")]);

function presentOrganization(row: { id: string; name: string; kind: string; sector: string; website: string; version: number }) {
  return { id: row.id, name: row.name, kind: row.kind as (typeof organizationKinds)[number], sector: row.sector, website: row.website, version: row.version };
}

/** Organizations: the legal entities that hold seats. */
export function registerOrganizationRoutes(app: FastifyInstance, ctx: ServerContext): void {
  defineRoute(app, {
    method: "GET",
    url: "/api/v1/organizations",
    summary: "List organizations by name (cursor pagination; q filters by name)",
    tags: ["organizations"],
    query: pageQuery.extend({ q: z.string().max(100).optional() }),
    response: z.object({ items: z.array(organizationSchema), nextCursor: z.string().nullable() }),
    handler: async ({ query }) => {
      let q = ctx.db.selectFrom("organizations").select(["id", "name", "kind", "sector", "website", "version"]).orderBy("name").orderBy("id").limit(query.limit + 1);
      if (query.q) q = q.where(sql<boolean>`name ilike ${`%${query.q.replace(/[%_\\]/g, "\\$&")}%`}`);
      if (query.cursor) {
        const [name, id] = decodeCursor(query.cursor);
        q = q.where((eb) => eb.or([eb("name", ">", name), eb.and([eb("name", "=", name), eb("id", ">", id)])]));
      }
      const rows = await q.execute();
      const items = rows.slice(0, query.limit).map(presentOrganization);
      const last = items.at(-1);
      return { items, nextCursor: rows.length > query.limit && last ? encodeCursor([last.name, last.id]) : null };
    },
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/organizations",
    summary: "Register an organization",
    tags: ["organizations"],
    successStatus: 201,
    body: z.object({ name: z.string().trim().min(1).max(160), kind: z.enum(organizationKinds), sector: z.string().max(120).optional(), website: website.optional() }),
    response: organizationSchema,
    handler: async ({ body }) => {
      const { id } = await createOrganization(ctx, body);
      return presentOrganization(await ctx.db.selectFrom("organizations").selectAll().where("id", "=", id).executeTakeFirstOrThrow());
    },
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/organizations/:id",
    summary: "An organization, its people, and the alliances it has seats in that I can see",
    tags: ["organizations"],
    params: idParams,
    response: organizationSchema.extend({
      people: z.array(z.object({ id: z.string(), displayName: z.string(), title: z.string() })),
      alliances: z.array(z.object({ id: z.string(), name: z.string(), seatId: z.string() })),
      canEdit: z.boolean(),
    }),
    handler: async ({ params, request }) => {
      const row = await ctx.db.selectFrom("organizations").selectAll().where("id", "=", params.id).executeTakeFirst();
      if (!row) throw new AppError("not_found", "No such organization.");
      const people = await ctx.db
        .selectFrom("organization_people as op")
        .innerJoin("people as p", "p.id", "op.person_id")
        .select(["p.id", "p.display_name", "op.title"])
        .where("op.organization_id", "=", params.id)
        .orderBy("p.display_name")
        .execute();
      const person = request.person!;
      let alliances = ctx.db
        .selectFrom("seats as s")
        .innerJoin("alliances as a", "a.id", "s.alliance_id")
        .select(["a.id", "a.name", "s.id as seatId"])
        .where("s.organization_id", "=", params.id)
        .orderBy("a.name");
      if (!person.isAdmin) {
        alliances = alliances.where((eb) => eb.exists(eb.selectFrom("memberships as m").select("m.id").whereRef("m.alliance_id", "=", "a.id").where("m.person_id", "=", person.id)));
      }
      return {
        ...presentOrganization(row),
        people: people.map((p) => ({ id: p.id, displayName: p.display_name, title: p.title })),
        alliances: await alliances.execute(),
        canEdit: person.isAdmin || people.some((p) => p.id === person.id),
      };
    },
  });

  defineRoute(app, {
    method: "PATCH",
    url: "/api/v1/organizations/:id",
    summary: "Change an organization's details (its people or an administrator)",
    tags: ["organizations"],
    params: idParams,
    body: z.object({ version: z.number().int().min(1), name: z.string().trim().min(1).max(160).optional(), kind: z.enum(organizationKinds).optional(), sector: z.string().max(120).optional(), website: website.optional() }),
    response: organizationSchema,
    handler: async ({ params, body, request }) => {
      const person = request.person!;
      if (!person.isAdmin) {
        const member = await ctx.db.selectFrom("organization_people").select("person_id").where("organization_id", "=", params.id).where("person_id", "=", person.id).executeTakeFirst();
        if (!member) {
          const exists = await ctx.db.selectFrom("organizations").select("id").where("id", "=", params.id).executeTakeFirst();
          throw exists ? new AppError("forbidden", "Only the organization's people can change it.") : new AppError("not_found", "No such organization.");
        }
      }
      await updateOrganization(ctx, params.id, body);
      return presentOrganization(await ctx.db.selectFrom("organizations").selectAll().where("id", "=", params.id).executeTakeFirstOrThrow());
    },
  });
}

/** Opaque cursors: base64url JSON of the sort key. */
export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

/** Reads a cursor back; a malformed one is a bad request, not a crash. */
export function decodeCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === "string")) return value as [string, string];
  } catch {
    // fall through
  }
  throw new AppError("validation_failed", "The cursor is not valid.", { issues: [{ path: "cursor", message: "malformed" }] });
}
