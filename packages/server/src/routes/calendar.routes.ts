import type { FastifyInstance } from "fastify";
import { AppError } from "@trellis/core";
import { z } from "zod";
import type { ServerContext } from "../context";
import { defineRoute } from "../http/route";
import { createCalendarFeed, listCalendarFeeds, renderCalendarFeed, revokeCalendarFeed } from "../use-cases/rhythm/calendar-feeds";

const feedSchema = z.object({
  id: z.string(),
  scope: z.enum(["person", "alliance"]),
  allianceId: z.string().nullable(),
  allianceName: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

/** Calendar feeds: secret iCalendar URLs per person or per alliance, listed, created and revoked by their owner. */
export function registerCalendarRoutes(app: FastifyInstance, ctx: ServerContext): void {
  defineRoute(app, {
    method: "GET",
    url: "/api/v1/calendar-feeds",
    summary: "My calendar feeds (their URLs are shown once, at creation: only hashes are kept)",
    tags: ["rhythm"],
    response: z.object({ items: z.array(feedSchema) }),
    handler: async ({ request }) => ({
      items: (await listCalendarFeeds(ctx, request.person!.id)).map((f) => ({
        id: f.id,
        scope: f.alliance_id ? ("alliance" as const) : ("person" as const),
        allianceId: f.alliance_id,
        allianceName: f.alliance_name,
        createdAt: f.created_at.toISOString(),
        lastUsedAt: f.last_used_at?.toISOString() ?? null,
        revokedAt: f.revoked_at?.toISOString() ?? null,
      })),
    }),
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/calendar-feeds",
    summary: "Create a secret calendar URL: all my alliances (no allianceId) or one alliance. The URL is in the answer, once",
    tags: ["rhythm"],
    successStatus: 201,
    body: z.object({ allianceId: z.uuid().nullable().optional() }),
    response: z.object({ id: z.string(), url: z.string(), scope: z.enum(["person", "alliance"]), allianceId: z.string().nullable() }),
    handler: async ({ body, request }) => {
      const feed = await createCalendarFeed(ctx, request.person!, body);
      return { id: feed.id, url: feed.url, scope: body.allianceId ? ("alliance" as const) : ("person" as const), allianceId: body.allianceId ?? null };
    },
  });

  defineRoute(app, {
    method: "DELETE",
    url: "/api/v1/calendar-feeds/:feedId",
    summary: "Revoke one of my calendar feeds: its URL answers 404 from now on",
    tags: ["rhythm"],
    params: z.object({ feedId: z.uuid() }),
    successStatus: 204,
    handler: async ({ params, request }) => revokeCalendarFeed(ctx, request.person!.id, params.feedId),
  });

  defineRoute(app, {
    method: "GET",
    url: "/calendar/:token.ics",
    summary: "The iCalendar feed behind a secret URL (no session: calendar apps fetch it); 404 once revoked",
    tags: ["rhythm"],
    auth: "none",
    params: z.object({ token: z.string().max(200) }),
    produces: "text/calendar",
    handler: async ({ params, reply }) => {
      if (!/^[A-Za-z0-9_-]{20,100}$/.test(params.token)) throw new AppError("not_found", "No such calendar feed.");
      const { ics } = await renderCalendarFeed(ctx, params.token);
      reply.header("content-type", "text/calendar; charset=utf-8").header("cache-control", "private, max-age=300").header("content-disposition", 'inline; filename="trellis.ics"');
      return ics;
    },
  });
}
