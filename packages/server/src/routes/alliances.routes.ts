import type { FastifyInstance } from "fastify";
import { AppError, allianceRoles, allianceStages, can, isFacilitator, type AllianceViewer } from "@trellis/core";
import { exportAlliance, listAlliancesFor, listEvents, loadAllianceHome, verifyAllianceChain } from "@trellis/db";
import { z } from "zod";
import type { ServerContext } from "../context";
import { defineRoute, idParams, pageQuery } from "../http/route";
import { allianceHomeSchema, presentAllianceHome } from "../presenters/alliance.presenter";
import { eventSchema, presentEvent } from "../presenters/event.presenter";
import type { EventHub } from "../realtime/event-hub";
import { createAlliance } from "../use-cases/alliances/create-alliance";
import { addMember, addSeat, updateSeat } from "../use-cases/alliances/manage-seats";
import { updateAlliance } from "../use-cases/alliances/update-alliance";
import { addCleanTeamMember, createCleanTeam } from "../use-cases/clean-teams/manage-clean-teams";
import { inviteToSeat } from "../use-cases/invitations/invite-to-seat";
import { ReadCache } from "../http/read-cache";
import { loadViewer, loadViewerStamped, type Person } from "../use-cases/load-viewer";
import { decodeCursor, encodeCursor } from "./organizations.routes";

const allianceSummarySchema = z.object({ id: z.string(), slug: z.string(), name: z.string(), purpose: z.string(), stage: z.string(), seatCount: z.number().int(), eventCount: z.number().int(), updatedAt: z.string() });
const seatParams = z.object({ id: z.uuid(), seatId: z.uuid() });

/** Alliances, their seats, roles and invitations, their activity (list and live stream), export and verify. */
export function registerAllianceRoutes(app: FastifyInstance, ctx: ServerContext, hub: EventHub): void {
  // The home and the activity are the most read pages: their rows are cached under the stamp of
  // loadViewerStamped (one round trip that also checks the person's roles), so a request for an
  // unchanged alliance costs one small query. The activity's rows depend on what the viewer may
  // see, so their key holds the viewer's visibility; a page below a cursor never changes.
  const homeRows = new ReadCache(500);
  const activityRows = new ReadCache(2000);
  const home = async (allianceId: string, person: Person) => {
    const { viewer, stamp } = await loadViewerStamped(ctx.db, allianceId, person);
    const loaded = await homeRows.load(`${allianceId}:${stamp}`, () => loadAllianceHome(ctx.db, allianceId));
    if (!loaded) throw new AppError("not_found", "No such alliance.");
    return presentAllianceHome(loaded, viewer);
  };

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances",
    summary: "The alliances I hold a role in, by name",
    tags: ["alliances"],
    query: pageQuery,
    response: z.object({ items: z.array(allianceSummarySchema), nextCursor: z.string().nullable() }),
    handler: async ({ query, request }) => {
      const rows = await listAlliancesFor(ctx.db, request.person!, { after: query.cursor ? decodeCursor(query.cursor) : undefined, limit: query.limit });
      const items = rows.slice(0, query.limit).map((r) => ({
        id: r.id,
        slug: r.slug,
        name: r.name,
        purpose: r.purpose,
        stage: r.stage,
        seatCount: Number(r.seat_count ?? 0),
        eventCount: Number(r.event_count ?? 0),
        updatedAt: r.updated_at.toISOString(),
      }));
      const last = items.at(-1);
      return { items, nextCursor: rows.length > query.limit && last ? encodeCursor([last.name, last.id]) : null };
    },
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/alliances",
    summary: "Start an alliance (you become its facilitator)",
    tags: ["alliances"],
    successStatus: 201,
    body: z.object({ name: z.string().trim().min(2).max(160), purpose: z.string().max(2000).optional(), hasCompetitors: z.boolean().optional() }),
    response: allianceHomeSchema,
    handler: async ({ body, request }) => {
      const { id } = await createAlliance(ctx, request.person!.id, body);
      return home(id, request.person!);
    },
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id",
    summary: "The alliance home: purpose, seats with organizations and people, roles",
    tags: ["alliances"],
    params: idParams,
    response: allianceHomeSchema,
    handler: async ({ params, request }) => home(params.id, request.person!),
  });

  defineRoute(app, {
    method: "PATCH",
    url: "/api/v1/alliances/:id",
    summary: "Change the alliance's name, purpose, stage or competitor flag (facilitators; send the version you read)",
    tags: ["alliances"],
    params: idParams,
    body: z.object({
      version: z.number().int().min(1),
      name: z.string().trim().min(2).max(160).optional(),
      purpose: z.string().max(2000).optional(),
      stage: z.enum(allianceStages).optional(),
      hasCompetitors: z.boolean().optional(),
    }),
    response: allianceHomeSchema,
    handler: async ({ params, body, request }) => {
      const viewer = await loadViewer(ctx.db, params.id, request.person!);
      await updateAlliance(ctx, viewer, params.id, body);
      return home(params.id, request.person!);
    },
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/alliances/:id/seats",
    summary: "Give an organization a seat (facilitators)",
    tags: ["alliances"],
    params: idParams,
    successStatus: 201,
    body: z.object({ organizationId: z.uuid(), weight: z.number().positive().max(1000).optional() }),
    response: z.object({ id: z.string() }),
    handler: async ({ params, body, request }) => addSeat(ctx, await loadViewer(ctx.db, params.id, request.person!), params.id, body),
  });

  defineRoute(app, {
    method: "PATCH",
    url: "/api/v1/alliances/:id/seats/:seatId",
    summary: "Change a seat's weight (facilitators; versioned)",
    tags: ["alliances"],
    params: seatParams,
    successStatus: 204,
    body: z.object({ version: z.number().int().min(1), weight: z.number().positive().max(1000) }),
    handler: async ({ params, body, request }) => updateSeat(ctx, await loadViewer(ctx.db, params.id, request.person!), params.id, params.seatId, body),
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/alliances/:id/members",
    summary: "Give a person a role, for a seat where the role needs one (facilitators)",
    tags: ["alliances"],
    params: idParams,
    successStatus: 204,
    body: z.object({ personId: z.uuid(), role: z.enum(allianceRoles), seatId: z.uuid().nullable().default(null) }),
    handler: async ({ params, body, request }) => addMember(ctx, await loadViewer(ctx.db, params.id, request.person!), params.id, body),
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/clean-teams",
    summary: "Clean teams and their members (facilitators and counsel see all; others the teams they are in)",
    tags: ["alliances"],
    params: idParams,
    response: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), members: z.array(z.object({ id: z.string(), displayName: z.string() })) })) }),
    handler: async ({ params, request }) => {
      const viewer = await loadViewer(ctx.db, params.id, request.person!);
      let teams = ctx.db.selectFrom("clean_teams").select(["id", "name"]).where("alliance_id", "=", params.id).orderBy("name");
      if (!can(viewer, "clean_team.manage")) teams = teams.where("id", "in", viewer.cleanTeamIds.length ? [...viewer.cleanTeamIds] : ["00000000-0000-0000-0000-000000000000"]);
      const rows = await teams.execute();
      const members = rows.length
        ? await ctx.db.selectFrom("clean_team_members as m").innerJoin("people as p", "p.id", "m.person_id").select(["m.clean_team_id", "p.id", "p.display_name"]).where("m.clean_team_id", "in", rows.map((r) => r.id)).orderBy("p.display_name").execute()
        : [];
      return { items: rows.map((t) => ({ id: t.id, name: t.name, members: members.filter((m) => m.clean_team_id === t.id).map((m) => ({ id: m.id, displayName: m.display_name })) })) };
    },
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/alliances/:id/clean-teams",
    summary: "Name a clean team (facilitators and counsel)",
    tags: ["alliances"],
    params: idParams,
    successStatus: 201,
    body: z.object({ name: z.string().trim().min(2).max(120) }),
    response: z.object({ id: z.string() }),
    handler: async ({ params, body, request }) => createCleanTeam(ctx, await loadViewer(ctx.db, params.id, request.person!), params.id, body),
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/alliances/:id/clean-teams/:teamId/members",
    summary: "Add a person of the alliance to a clean team (facilitators and counsel)",
    tags: ["alliances"],
    params: z.object({ id: z.uuid(), teamId: z.uuid() }),
    successStatus: 204,
    body: z.object({ personId: z.uuid() }),
    handler: async ({ params, body, request }) => addCleanTeamMember(ctx, await loadViewer(ctx.db, params.id, request.person!), params.id, params.teamId, body.personId),
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/alliances/:id/invitations",
    summary: "Invite someone by email into a seat (delegates into their own seat, facilitators anywhere)",
    tags: ["invitations"],
    params: idParams,
    successStatus: 201,
    body: z.object({ email: z.email().max(254), role: z.enum(allianceRoles), seatId: z.uuid().nullable().default(null), message: z.string().max(2000).optional() }),
    response: z.object({ id: z.string() }),
    handler: async ({ params, body, request }) => inviteToSeat(ctx, await loadViewer(ctx.db, params.id, request.person!), params.id, body),
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/invitations",
    summary: "Invitations of the alliance (facilitators see all; delegates those into their seats)",
    tags: ["invitations"],
    params: idParams,
    response: z.object({
      items: z.array(z.object({ id: z.string(), email: z.string(), role: z.string(), seatId: z.string().nullable(), createdAt: z.string(), expiresAt: z.string(), status: z.enum(["pending", "accepted", "revoked", "expired"]) })),
    }),
    handler: async ({ params, request }) => {
      const viewer = await loadViewer(ctx.db, params.id, request.person!);
      if (!viewer.roles.some((r) => r === "facilitator" || r === "delegate")) throw new AppError("forbidden", "Only facilitators and delegates see invitations.");
      let q = ctx.db.selectFrom("invitations").selectAll().where("alliance_id", "=", params.id).orderBy("created_at", "desc").limit(200);
      if (!viewer.roles.includes("facilitator")) q = q.where("seat_id", "in", viewer.seatIds.length ? [...viewer.seatIds] : ["00000000-0000-0000-0000-000000000000"]);
      const now = ctx.clock();
      return {
        items: (await q.execute()).map((i) => ({
          id: i.id,
          email: i.email,
          role: i.role,
          seatId: i.seat_id,
          createdAt: i.created_at.toISOString(),
          expiresAt: i.expires_at.toISOString(),
          status: i.accepted_at ? ("accepted" as const) : i.revoked_at ? ("revoked" as const) : i.expires_at <= now ? ("expired" as const) : ("pending" as const),
        })),
      };
    },
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/events",
    summary: "The activity: events I may see, newest first (cursor = the last seq you got); type = a type prefix to keep, exclude = exact types to leave out (comma-separated)",
    tags: ["activity"],
    params: idParams,
    query: pageQuery.extend({
      type: z.string().max(80).optional(),
      exclude: z
        .string()
        .regex(/^[a-z_]+\.[a-z_]+(,[a-z_]+\.[a-z_]+){0,19}$/, "up to 20 event types such as alignment.vote_cast, separated by commas")
        .optional(),
      seatId: z.uuid().optional(),
    }),
    response: z.object({ items: z.array(eventSchema), nextCursor: z.string().nullable() }),
    handler: async ({ params, query, request }) => {
      let beforeSeq: number | undefined;
      if (query.cursor !== undefined) {
        beforeSeq = Number(query.cursor);
        if (!Number.isInteger(beforeSeq) || beforeSeq < 1) throw new AppError("validation_failed", "The cursor is not valid.", { issues: [{ path: "cursor", message: "malformed" }] });
      }
      const { viewer, stamp } = await loadViewerStamped(ctx.db, params.id, request.person!);
      // Below a cursor the events never change, but their actors' names may: keep the stamp.
      const key = [params.id, stamp, visibilityKey(viewer), beforeSeq ?? "", query.limit, query.type ?? "", query.exclude ?? "", query.seatId ?? ""].join("|");
      const excludeTypes = query.exclude?.split(",");
      return activityRows.load(key, async () => {
        const rows = await listEvents(ctx.db, params.id, viewer, { beforeSeq, limit: query.limit, typePrefix: query.type, excludeTypes, seatId: query.seatId });
        const items = rows.slice(0, query.limit).map(presentEvent);
        return { items, nextCursor: rows.length > query.limit ? String(items.at(-1)!.seq) : null };
      });
    },
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/stream",
    summary: "Live activity as server-sent events (event: event, data: an activity item), filtered by what I may see",
    tags: ["activity"],
    params: idParams,
    produces: "text/event-stream",
    handler: async ({ params, request, reply }) => {
      const person = request.person!;
      await loadViewer(ctx.db, params.id, person);
      let cached: { at: number; viewer: Awaited<ReturnType<typeof loadViewer>> | null } | null = null;
      const viewer = async () => {
        if (!cached || Date.now() - cached.at > 5000) {
          cached = { at: Date.now(), viewer: await loadViewer(ctx.db, params.id, person).catch(() => null) };
        }
        return cached.viewer;
      };
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", connection: "keep-alive", "x-accel-buffering": "no" });
      res.write(": connected\n\n");
      const unsubscribe = hub.subscribe({
        allianceId: params.id,
        viewer,
        send: (event, data) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
      });
      const heartbeat = setInterval(() => res.write(": keep-alive\n\n"), 25_000);
      request.raw.on("close", () => {
        clearInterval(heartbeat);
        unsubscribe();
      });
    },
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/verify",
    summary: "Re-check the alliance's hash chain",
    tags: ["activity"],
    params: idParams,
    response: z.object({ ok: z.boolean(), count: z.number().int(), head: z.string().optional(), brokenAt: z.number().int().optional(), reason: z.string().optional() }),
    handler: async ({ params, request }) => {
      await loadViewer(ctx.db, params.id, request.person!);
      return verifyAllianceChain(ctx.db, params.id);
    },
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/export",
    summary: "Download the alliance's chain as JSON Lines (facilitators, delegates, counsel): events you may not see travel as hashes only, so it verifies offline and reveals nothing hidden",
    tags: ["activity"],
    params: idParams,
    produces: "application/x-ndjson",
    handler: async ({ params, request, reply }) => {
      const viewer = await loadViewer(ctx.db, params.id, request.person!);
      if (!can(viewer, "alliance.export")) throw new AppError("forbidden", "Your role cannot export the alliance.");
      reply.hijack();
      reply.raw.writeHead(200, { "content-type": "application/x-ndjson; charset=utf-8", "content-disposition": `attachment; filename="alliance-${params.id}.jsonl"` });
      await exportAlliance(ctx.db, params.id, reply.raw, { now: ctx.clock(), viewer });
      reply.raw.end();
    },
  });
}

/** What decides which events a viewer may see (core visibility): facilitator or not, seats, clean teams. */
function visibilityKey(viewer: AllianceViewer): string {
  return [isFacilitator(viewer) ? "f" : "p", [...viewer.seatIds].sort().join(","), [...viewer.cleanTeamIds].sort().join(",")].join(";");
}
